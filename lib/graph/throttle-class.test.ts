import { describe, expect, it } from "vitest";
import { batchCosts, throttleClassOf } from "./throttle-class";

describe("throttleClassOf", () => {
  it.each([
    ["/v1.0/me/joinedTeams", "teams"],
    ["/v1.0/teams/19%3Aabc", "teams"],
    ["/teams/t1/channels", "channels"],
    ["/v1.0/teams/t1/channels/c1/messages?$top=20", "messages"],
    ["/v1.0/teams/t1/channels/c1/messages/m1/replies", "messages"],
    ["/v1.0/chats/c1/messages", "messages"],
    ["/v1.0/me/presence", "presence"],
    ["/v1.0/communications/getPresencesByUserId", "presence"],
    ["/v1.0/me/chats?$expand=members", "other"],
    ["/v1.0/me", "other"],
  ])("%s counts against %s", (endpoint, expected) => {
    expect(throttleClassOf(endpoint)).toBe(expected);
  });
});

describe("batchCosts", () => {
  it("charges each item of a mixed $batch to its own class, as Graph counts them", () => {
    expect(
      batchCosts([
        "/me/joinedTeams",
        "/me/presence",
        "/me/chats?$top=8",
        "/teams/t1/channels",
        "/teams/t2/channels",
        "/teams/t3/channels",
      ]),
    ).toEqual({ teams: 1, presence: 1, other: 1, channels: 3 });
  });
});
