import "server-only";
import { decodeHTML } from "entities";
import type {
  AadUserConversationMember,
  Channel,
  Chat,
  ChatMessage,
  ChatMessageAttachment,
  ChatMessageReaction,
  Presence,
  Team,
} from "@microsoft/microsoft-graph-types";
import { sanitizeMessageHtml, textToHtml } from "./sanitize";
import type {
  ChannelSummary,
  ChatMember,
  ChatSummary,
  ChatType,
  MessageAttachment,
  MessageView,
  PresenceView,
  ReactionView,
  TeamSummary,
} from "./types";

const PREVIEW_LENGTH = 140;

export function reshapeTeam(team: Team, channelCount: number | null = null): TeamSummary {
  return {
    id: team.id ?? "",
    name: team.displayName ?? "Untitled team",
    description: team.description ?? null,
    isArchived: team.isArchived === true,
    channelCount,
  };
}

export function reshapeChannel(channel: Channel): ChannelSummary {
  const type = channel.membershipType;
  return {
    id: channel.id ?? "",
    name: channel.displayName ?? "Untitled channel",
    description: channel.description ?? null,
    membershipType: type === "standard" || type === "private" || type === "shared" ? type : "unknown",
  };
}

function chatType(value: Chat["chatType"]): ChatType {
  return value === "oneOnOne" || value === "group" || value === "meeting" ? value : "unknown";
}

function plainPreview(content: string | null | undefined): string {
  // Tags out, then entities decoded (`I&#39;ll` → `I'll`): React escapes the plain text again.
  const text = decodeHTML((content ?? "").replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

/** `selfEmail` leaves the signed-in user out of a chat's title. */
export function reshapeChat(chat: Chat, selfEmail: string | null = null): ChatSummary {
  const members = (chat.members ?? []) as AadUserConversationMember[];
  const self = selfEmail?.toLowerCase();
  const others = members.filter((member) => !self || member.email?.toLowerCase() !== self);
  const memberNames = others.map((member) => member.displayName ?? member.email ?? "Unknown").filter(Boolean);
  const preview = chat.lastMessagePreview;
  const title =
    chat.topic?.trim() || memberNames.join(", ") || (chatType(chat.chatType) === "meeting" ? "Meeting chat" : "Chat");
  return {
    id: chat.id ?? "",
    title,
    chatType: chatType(chat.chatType),
    memberNames,
    lastMessage: preview?.createdDateTime
      ? {
          preview: preview.isDeleted ? "This message was deleted." : plainPreview(preview.body?.content),
          from: preview.from?.user?.displayName ?? preview.from?.application?.displayName ?? null,
          at: preview.createdDateTime,
        }
      : null,
    updatedAt: chat.lastUpdatedDateTime ?? preview?.createdDateTime ?? null,
  };
}

export function reshapeMember(member: AadUserConversationMember): ChatMember {
  return {
    id: member.id ?? "",
    userId: member.userId ?? null,
    name: member.displayName ?? member.email ?? "Unknown",
    email: member.email ?? null,
    isOwner: (member.roles ?? []).includes("owner"),
  };
}

function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function reshapeAttachment(attachment: ChatMessageAttachment): MessageAttachment | null {
  // Cards and message references are inline content, not files.
  if (attachment.contentType && attachment.contentType !== "reference" && !attachment.contentUrl) return null;
  return { id: attachment.id ?? "", name: attachment.name ?? "Attachment", url: safeUrl(attachment.contentUrl) };
}

/** Who is reading: their own reactions are marked, and reactors' names looked up. */
export interface ReaderContext {
  selfId?: string | null;
  /** Entra id → display name of people seen on the page (Graph leaves reactors' names out). */
  names?: Map<string, string>;
}

/** Reactions grouped by type, in the order they first appear. */
export function reshapeReactions(
  reactions: ChatMessageReaction[] | null | undefined,
  reader: ReaderContext,
): ReactionView[] {
  const byType = new Map<string, ReactionView>();
  for (const reaction of reactions ?? []) {
    const type = reaction.reactionType ?? "like";
    const view = byType.get(type) ?? { type, count: 0, names: [], mine: false };
    const id = reaction.user?.user?.id ?? null;
    const name = reaction.user?.user?.displayName ?? (id ? reader.names?.get(id) : undefined);
    view.count += 1;
    if (name) view.names.push(id && id === reader.selfId ? "You" : name);
    else if (id && id === reader.selfId) view.names.push("You");
    if (id && id === reader.selfId) view.mine = true;
    byType.set(type, view);
  }
  return [...byType.values()];
}

/** Entra id → name of every sender on a page of messages (and their inline replies). */
export function sendersOf(messages: ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (message: ChatMessage) => {
    const user = message.from?.user;
    if (user?.id && user.displayName) names.set(user.id, user.displayName);
    (message.replies ?? []).forEach(visit);
  };
  messages.forEach(visit);
  return names;
}

export function reshapeMessage(message: ChatMessage, reader: ReaderContext = {}): MessageView {
  const deleted = Boolean(message.deletedDateTime);
  const body = message.body;
  return {
    id: message.id ?? "",
    from: message.from?.user?.displayName ?? message.from?.application?.displayName ?? null,
    fromId: message.from?.user?.id ?? null,
    createdAt: message.createdDateTime ?? "",
    subject: message.subject ?? null,
    html: deleted ? "" : body?.contentType === "text" ? textToHtml(body.content) : sanitizeMessageHtml(body?.content),
    isDeleted: deleted,
    isSystem: message.messageType !== undefined && message.messageType !== null && message.messageType !== "message",
    attachments: (message.attachments ?? []).map(reshapeAttachment).filter((a): a is MessageAttachment => a !== null),
    reactions: reshapeReactions(message.reactions, reader),
    replies: Array.isArray(message.replies)
      ? message.replies.map((reply: ChatMessage) => reshapeMessage(reply, reader))
      : null,
  };
}

export function reshapePresence(presence: Presence): PresenceView {
  return { availability: presence.availability ?? "PresenceUnknown", activity: presence.activity ?? "PresenceUnknown" };
}
