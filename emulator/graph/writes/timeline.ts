/**
 * Reads as Graph serves them once clients have written: the generated messages merged
 * with the overlay's, newest first. Chat messages order by lastModifiedDateTime by
 * default (a reaction bumps it, so a reacted message moves up, as in Graph) or by
 * createdDateTime; channel messages and replies by createdDateTime. The chat list orders
 * by each chat's newest message, written ones included.
 */
import type { Dataset } from "../../data/dataset";
import type { ChannelRecord, ChatRecord, MessageRecord, TeamRecord } from "../../data/types";
import { channelKey, chatKey, repliesKey, type ContainerKey, type Overlay } from "./overlay";

export type MessageOrder = "lastModifiedDateTime" | "createdDateTime";

export const modifiedAt = (m: MessageRecord) => m.lastModifiedDateTime ?? m.createdDateTime;

/** Sort key for cursors and ordering: time, then id (ids are same-length ms strings). */
export function sortKey(m: MessageRecord, order: MessageOrder): string {
  return `${order === "createdDateTime" ? m.createdDateTime : modifiedAt(m)}|${m.id.padStart(16, "0")}`;
}

export class Timeline {
  constructor(
    readonly dataset: Dataset,
    readonly overlay: Overlay,
  ) {}

  chatMessages(chat: ChatRecord, order: MessageOrder = "lastModifiedDateTime"): MessageRecord[] {
    return this.merge(chatKey(chat.id), this.dataset.chatMessages(chat), order);
  }

  channelMessages(team: TeamRecord, channel: ChannelRecord): MessageRecord[] {
    return this.merge(channelKey(channel.id), this.dataset.channelMessages(team, channel), "createdDateTime");
  }

  replies(team: TeamRecord, channel: ChannelRecord, parent: MessageRecord): MessageRecord[] {
    // Only generated parents have generated replies; a written one starts with none.
    const generated = "via" in parent ? [] : this.dataset.replies(team, channel, parent);
    return this.merge(repliesKey(channel.id, parent.id), generated, "createdDateTime");
  }

  /** The chat's newest message by creation (what lastMessagePreview shows). */
  newestMessage(chat: ChatRecord): MessageRecord | undefined {
    const written = this.overlay.written(chatKey(chat.id)).at(-1);
    const generated = this.dataset.chatMessages(chat)[0];
    const newest = !written || (generated && generated.createdDateTime > written.createdDateTime) ? generated : written;
    return newest && this.overlay.decorate(chatKey(chat.id), newest);
  }

  lastMessageAt(chat: ChatRecord): string {
    const written = this.overlay.written(chatKey(chat.id)).at(-1);
    return written && written.createdDateTime > chat.lastMessageAt ? written.createdDateTime : chat.lastMessageAt;
  }

  /** The user's chats, most recent activity first. */
  chatsOf(userId: string): ChatRecord[] {
    const chats = this.dataset.chatsOf(userId);
    const active = this.overlay.containers().some((key) => key.startsWith("chat|"));
    if (!active) return chats;
    const at = new Map(chats.map((chat) => [chat.id, this.lastMessageAt(chat)]));
    return [...chats].sort((a, b) => at.get(b.id)!.localeCompare(at.get(a.id)!));
  }

  private merge(key: ContainerKey, generated: MessageRecord[], order: MessageOrder): MessageRecord[] {
    if (!this.overlay.touches(key)) return generated;
    const all = [...this.overlay.written(key), ...generated].map((m) => this.overlay.decorate(key, m));
    const keys = new Map(all.map((m) => [m, sortKey(m, order)]));
    return all.sort((a, b) => keys.get(b)!.localeCompare(keys.get(a)!));
  }
}
