import { graphPath } from "./ids";

/** Where a message is posted: a chat, a channel (a new thread) or a channel thread (a reply). */
export type MessageTarget =
  | { kind: "chat"; chatId: string }
  | { kind: "channel"; teamId: string; channelId: string }
  | { kind: "reply"; teamId: string; channelId: string; messageId: string };

/** The Graph collection a target's messages are posted to and listed from. */
export function messagesCollection(target: MessageTarget): string {
  if (target.kind === "chat") return graphPath`/v1.0/chats/${target.chatId}/messages`;
  if (target.kind === "channel") return graphPath`/v1.0/teams/${target.teamId}/channels/${target.channelId}/messages`;
  return graphPath`/v1.0/teams/${target.teamId}/channels/${target.channelId}/messages/${target.messageId}/replies`;
}

/** One existing message: its container and id. */
export interface MessageRef {
  target: MessageTarget;
  id: string;
}

export function messagePath(ref: MessageRef): string {
  return `${messagesCollection(ref.target)}/${encodeURIComponent(ref.id)}`;
}
