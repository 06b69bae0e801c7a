import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { nextEndpoint } from "./paging";

describe("nextEndpoint", () => {
  const sent = "/v1.0/chats/19%3Aabc%40thread.v2/messages";

  it("follows a link whose ids Graph sent decoded, byte for byte", () => {
    const link = "https://graph.microsoft.com/v1.0/chats/19:abc@thread.v2/messages?$top=50&$skiptoken=a%2Bb%3D%3D";
    expect(nextEndpoint(link, sent)).toBe("/v1.0/chats/19:abc@thread.v2/messages?$top=50&$skiptoken=a%2Bb%3D%3D");
  });

  it("follows a link that echoes the encoded path", () => {
    expect(nextEndpoint(`http://localhost:4013${sent}?$skiptoken=x`, sent)).toBe(`${sent}?$skiptoken=x`);
  });

  it("ends at no link", () => expect(nextEndpoint(undefined, sent)).toBeNull());

  it.each([
    "https://graph.microsoft.com/v1.0/chats/19:other@thread.v2/messages?$skiptoken=x",
    "https://graph.microsoft.com/v1.0/me/chats?$skiptoken=x",
    "https://graph.microsoft.com/v1.0/chats/19%E0%A4%A/messages",
    "not a url",
  ])("refuses a link that leaves the collection: %s", (link) => {
    expect(() => nextEndpoint(link, sent)).toThrow(AppError);
  });
});
