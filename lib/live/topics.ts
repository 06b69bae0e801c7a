/**
 * How a live topic maps to a Graph subscription resource and to the resource Graph names
 * in a notification; parsing of what the browser and Graph send.
 */
import { isGraphId } from "@/lib/graph/ids";
import type { MessageTopic, Topic } from "./topic-key";

export { topicKey, type MessageTopic, type Topic } from "./topic-key";

/** The topic a key names, or null for anything else (never throws). */
export function parseTopicKey(key: string): Topic | null {
  if (key === "dashboard") return { kind: "dashboard" };
  const parts = key.split("/");
  let ids: string[];
  try {
    ids = parts.slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
  if (!ids.every(isGraphId)) return null;
  if (parts[0] === "chat" && ids.length === 1) return { kind: "chat", chatId: ids[0]! };
  if (parts[0] === "channel" && ids.length === 2) return { kind: "channel", teamId: ids[0]!, channelId: ids[1]! };
  return null;
}

/** The Graph subscription resource (as Graph's documentation writes it: ids unencoded). */
export function subscriptionResource(topic: MessageTopic): string {
  return topic.kind === "chat"
    ? `/chats/${topic.chatId}/messages`
    : `/teams/${topic.teamId}/channels/${topic.channelId}/messages`;
}

/** The topic of a subscription resource this app created, or null. */
export function topicOfResource(resource: string): MessageTopic | null {
  const chat = /^\/chats\/([^/]+)\/messages$/.exec(resource);
  if (chat && isGraphId(chat[1])) return { kind: "chat", chatId: chat[1]! };
  const channel = /^\/teams\/([^/]+)\/channels\/([^/]+)\/messages$/.exec(resource);
  if (channel && isGraphId(channel[1]) && isGraphId(channel[2]))
    return { kind: "channel", teamId: channel[1]!, channelId: channel[2]! };
  return null;
}

/** A changed message as a notification names it: in a chat, a channel, or a reply in a channel. */
export type ChangedMessage =
  | { kind: "chat"; chatId: string; messageId: string }
  | { kind: "channel"; teamId: string; channelId: string; messageId: string; replyId?: string };

const quoted = (name: string) => `${name}\\('([^']+)'\\)`;
const CHAT_CHANGE = new RegExp(`^/?${quoted("chats")}/${quoted("messages")}$`);
const CHANNEL_CHANGE = new RegExp(
  `^/?${quoted("teams")}/${quoted("channels")}/${quoted("messages")}(?:/${quoted("replies")})?$`,
);

/**
 * Graph's `resource` of a notification (`chats('19:…')/messages('…')`,
 * `teams('…')/channels('…')/messages('…')[/replies('…')]`), or null when it is not one
 * of those or an id is malformed.
 */
export function parseChangedResource(resource: string): ChangedMessage | null {
  const decode = (value: string | undefined) => {
    try {
      const id = value === undefined ? undefined : decodeURIComponent(value);
      return id === undefined || isGraphId(id) ? id : null;
    } catch {
      return null;
    }
  };
  const chat = CHAT_CHANGE.exec(resource);
  if (chat) {
    const [chatId, messageId] = [decode(chat[1]), decode(chat[2])];
    return chatId && messageId ? { kind: "chat", chatId, messageId } : null;
  }
  const channel = CHANNEL_CHANGE.exec(resource);
  if (!channel) return null;
  const [teamId, channelId, messageId, replyId] = channel.slice(1).map(decode);
  if (!teamId || !channelId || !messageId || replyId === null) return null;
  return { kind: "channel", teamId, channelId, messageId, ...(replyId ? { replyId } : {}) };
}

/** True when the change happened in the conversation the topic watches. */
export function changeBelongsTo(change: ChangedMessage, topic: MessageTopic): boolean {
  if (change.kind === "chat") return topic.kind === "chat" && topic.chatId === change.chatId;
  return topic.kind === "channel" && topic.teamId === change.teamId && topic.channelId === change.channelId;
}

/** The topic a change belongs to. */
export function topicOfChange(change: ChangedMessage): MessageTopic {
  return change.kind === "chat"
    ? { kind: "chat", chatId: change.chatId }
    : { kind: "channel", teamId: change.teamId, channelId: change.channelId };
}
