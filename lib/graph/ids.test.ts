import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { graphPath, isGraphId, parseGraphId } from "./ids";

describe("Graph ids", () => {
  it.each([
    "19:abc123@thread.tacv2",
    "19:meeting_NjQ2@thread.v2",
    "19:0a1b-2c_3d4e@unq.gbl.spaces",
    "6e1b8a3c-2f4d-4b7e-9c1a-0d5f3e2a7b64",
    "1712345678901",
    "MCMjMCMjNmUxYg==",
  ])("accepts %s", (id) => expect(isGraphId(id)).toBe(true));

  it.each([
    "",
    "..",
    ".",
    "a/../b",
    "../me",
    "a/b",
    "a?b",
    "a#b",
    "a%2Fb",
    "%2e%2e",
    "a b",
    "a\\b",
    "x".repeat(513),
    "a..b",
    "é",
  ])("rejects %j", (id) => expect(isGraphId(id)).toBe(false));

  it("throws invalid_input", () => {
    expect(() => parseGraphId("../x", "chat id")).toThrowError(AppError);
    try {
      parseGraphId("a?b", "chat id");
    } catch (error) {
      expect((error as AppError).code).toBe("invalid_input");
      expect((error as AppError).status).toBe(400);
    }
  });

  it("builds paths with encoded ids, and refuses ids that would change the path", () => {
    expect(graphPath`/v1.0/chats/${"19:a@thread.v2"}/messages`).toBe("/v1.0/chats/19%3Aa%40thread.v2/messages");
    expect(() => graphPath`/v1.0/chats/${"../../me"}/messages`).toThrowError(AppError);
    expect(() => graphPath`/v1.0/chats/${"x?$top=999"}/messages`).toThrowError(AppError);
    expect(() => graphPath`/v1.0/chats/${"x#frag"}/messages`).toThrowError(AppError);
    expect(() => graphPath`/v1.0/chats/${"x%2F..%2Fme"}/messages`).toThrowError(AppError);
  });
});

describe("route segments", () => {
  it("decodes one layer of percent-encoding, and a second layer fails validation", async () => {
    const { decodeParam } = await import("./ids");
    expect(decodeParam("19%3Aa%40thread.v2")).toBe("19:a@thread.v2");
    expect(isGraphId(decodeParam("19%3Aa%40thread.v2"))).toBe(true);
    expect(isGraphId(decodeParam("a%2Fb"))).toBe(false);
    expect(isGraphId(decodeParam("a%252Fb"))).toBe(false);
    expect(isGraphId(decodeParam("%2E%2E"))).toBe(false);
    expect(isGraphId(decodeParam("%E0%A4%A"))).toBe(false);
  });
});
