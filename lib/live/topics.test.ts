import { describe, expect, it } from "vitest";
import {
  changeBelongsTo,
  parseChangedResource,
  parseTopicKey,
  subscriptionResource,
  topicKey,
  topicOfResource,
} from "./topics";

const CHAT = "19:a1b2c3@thread.v2";

describe("topic keys", () => {
  it("round-trip chat, channel and dashboard topics, ids with colons and at signs included", () => {
    for (const topic of [
      { kind: "chat", chatId: CHAT },
      { kind: "channel", teamId: "5d3e0b1c-0000-4000-8000-000000000001", channelId: "19:general@thread.tacv2" },
      { kind: "dashboard" },
    ] as const)
      expect(parseTopicKey(topicKey(topic))).toEqual(topic);
  });

  it("refuses anything else without throwing", () => {
    for (const key of [
      "",
      "chat",
      "chat/",
      "chat/..",
      "chat/%E0%A4%A",
      "chat/a/b",
      "channel/a",
      "user/x",
      "chat/a%2Fb",
    ])
      expect(parseTopicKey(key), key).toBeNull();
  });
});

describe("Graph resources", () => {
  it("maps topics to subscription resources and back", () => {
    const topic = { kind: "chat", chatId: CHAT } as const;
    expect(subscriptionResource(topic)).toBe(`/chats/${CHAT}/messages`);
    expect(topicOfResource(subscriptionResource(topic))).toEqual(topic);
    expect(topicOfResource("/chats/getAllMessages")).toBeNull();
  });

  it("parses the resources Graph names in notifications, with or without a leading slash", () => {
    expect(parseChangedResource(`chats('${CHAT}')/messages('1700000000000')`)).toEqual({
      kind: "chat",
      chatId: CHAT,
      messageId: "1700000000000",
    });
    expect(parseChangedResource("/teams('t1')/channels('19:c@thread.tacv2')/messages('1')/replies('2')")).toEqual({
      kind: "channel",
      teamId: "t1",
      channelId: "19:c@thread.tacv2",
      messageId: "1",
      replyId: "2",
    });
  });

  it("refuses malformed or traversing resources", () => {
    for (const resource of [
      "users('x')",
      "chats('../x')/messages('1')",
      "chats('a')/messages('1')/extra",
      "chats('a')/messages('')",
      "chats('a%2F..')/messages('1')",
    ])
      expect(parseChangedResource(resource), resource).toBeNull();
  });

  it("places a change in its conversation only", () => {
    const change = parseChangedResource(`chats('${CHAT}')/messages('1')`)!;
    expect(changeBelongsTo(change, { kind: "chat", chatId: CHAT })).toBe(true);
    expect(changeBelongsTo(change, { kind: "chat", chatId: "19:other@thread.v2" })).toBe(false);
    expect(changeBelongsTo(change, { kind: "channel", teamId: "t", channelId: CHAT })).toBe(false);
  });
});
