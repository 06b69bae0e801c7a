/**
 * What a page can follow live, named the same way by the browser (in the stream's URL)
 * and the server. No imports: client components use this file.
 */
export type Topic =
  | { kind: "chat"; chatId: string }
  | { kind: "channel"; teamId: string; channelId: string }
  /** The dashboard: recent chats (each followed through its own subscription) and presence. */
  | { kind: "dashboard" };

/** The chat or channel a subscription watches. */
export type MessageTopic = Exclude<Topic, { kind: "dashboard" }>;

/**
 * `chat/<id>`, `channel/<team>/<channel>`, `dashboard`. Ids are percent-encoded: a chat
 * id has colons and at signs (`19:…@thread.v2`).
 */
export function topicKey(topic: Topic): string {
  if (topic.kind === "chat") return `chat/${encodeURIComponent(topic.chatId)}`;
  if (topic.kind === "channel")
    return `channel/${encodeURIComponent(topic.teamId)}/${encodeURIComponent(topic.channelId)}`;
  return "dashboard";
}
