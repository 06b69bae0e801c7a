/**
 * What clients wrote to Teams, on top of the generated (read-only) dataset: new messages
 * and reactions, per container. Reads merge it in (timeline.ts). It belongs to one dataset
 * selection: switching datasets or `POST /_emulator/reset` empties it. Persisted in the
 * state file like the rest of the emulator's state, so a restart keeps what was posted.
 */
import type { Section, Store } from "../../core/store";
import type { DatasetHolder } from "../../data/registry";
import type { DatasetSelection } from "../../data/dataset";
import type { MessageRecord, ReactionRecord } from "../../data/types";

export interface WrittenMessage extends MessageRecord {
  /** Through the write API (listed by `GET /_emulator/graph/posts`) or `post-as`. */
  via: "api" | "post-as";
}

export interface OverlayState {
  /** The dataset selection the writes belong to (`demo`, `large:5000`). */
  dataset: string;
  /** Container key → messages written there, oldest first. */
  messages: Record<string, WrittenMessage[]>;
  /** Container key → message id → reactions (on generated and written messages alike). */
  reactions: Record<string, Record<string, ReactionRecord[]>>;
  /** Container key → message id → lastModifiedDateTime, bumped by reactions. */
  modified: Record<string, Record<string, string>>;
  /** Last message id handed out (epoch ms, as Teams' ids are): ids stay unique and increasing. */
  lastId: number;
}

/** `chat|…`, `channel|…` or `replies|{channelId}|{parentId}`. */
export type ContainerKey = string;

export const chatKey = (chatId: string): ContainerKey => `chat|${chatId}`;
export const channelKey = (channelId: string): ContainerKey => `channel|${channelId}`;
export const repliesKey = (channelId: string, parentId: string): ContainerKey => `replies|${channelId}|${parentId}`;

function selectionKey(selection: DatasetSelection): string {
  return selection.name === "demo" ? "demo" : `large:${selection.chats ?? ""}:${selection.messagesPerChat ?? ""}`;
}

/** A written message or a reaction change, for change notifications (subscriptions/). */
export interface OverlayChange {
  container: ContainerKey;
  messageId: string;
  changeType: "created" | "updated";
}

export class Overlay {
  private readonly section: Section<OverlayState>;
  private readonly listeners: Array<(change: OverlayChange) => void> = [];

  constructor(
    store: Store,
    private readonly datasets: DatasetHolder,
  ) {
    this.section = store.section("graph.writes", () => this.seed());
  }

  private seed(): OverlayState {
    return {
      dataset: selectionKey(this.datasets.current.selection),
      messages: {},
      reactions: {},
      modified: {},
      lastId: 0,
    };
  }

  /** The live state, emptied first when it belongs to another dataset than the current one. */
  private get state(): OverlayState {
    const data = this.section.data;
    if (data.dataset !== selectionKey(this.datasets.current.selection)) Object.assign(data, this.seed());
    return data;
  }

  onChange(listener: (change: OverlayChange) => void): void {
    this.listeners.push(listener);
  }

  private emit(change: OverlayChange): void {
    for (const listener of this.listeners) listener(change);
  }

  clear(): void {
    Object.assign(this.section.data, this.seed());
    this.section.changed();
  }

  /** A fresh message id and its creation time (ids are the creation time in ms, like Teams'). */
  nextId(): { id: string; at: string } {
    const state = this.state;
    const ms = Math.max(Date.now(), state.lastId + 1);
    state.lastId = ms;
    return { id: String(ms), at: new Date(ms).toISOString() };
  }

  add(container: ContainerKey, message: WrittenMessage): void {
    (this.state.messages[container] ??= []).push(message);
    this.section.changed();
    this.emit({ container, messageId: message.id, changeType: "created" });
  }

  written(container: ContainerKey): WrittenMessage[] {
    return this.state.messages[container] ?? [];
  }

  /** Every container key with written messages. */
  containers(): ContainerKey[] {
    return Object.keys(this.state.messages);
  }

  /** True when reads of this container need merging at all (the common case is no). */
  touches(container: ContainerKey): boolean {
    const state = this.state;
    return Boolean(state.messages[container] ?? state.reactions[container] ?? state.modified[container]);
  }

  /** The message as reads show it: with its reactions and any later lastModifiedDateTime. */
  decorate(container: ContainerKey, message: MessageRecord): MessageRecord {
    const reactions = this.state.reactions[container]?.[message.id];
    const modified = this.state.modified[container]?.[message.id];
    if (!reactions && !modified) return message;
    return { ...message, reactions: reactions ?? [], lastModifiedDateTime: modified ?? message.lastModifiedDateTime };
  }

  /** Adds or replaces the user's reaction of that type (a user has each reaction once). */
  setReaction(container: ContainerKey, messageId: string, reaction: ReactionRecord): void {
    const byMessage = (this.state.reactions[container] ??= {});
    const list = (byMessage[messageId] ??= []).filter(
      (r) => !(r.userId === reaction.userId && r.reactionType === reaction.reactionType),
    );
    byMessage[messageId] = [...list, reaction];
    this.touch(container, messageId, reaction.createdDateTime);
  }

  /** Removes it; a reaction the user doesn't have is no change (Graph still answers 204). */
  unsetReaction(container: ContainerKey, messageId: string, userId: string, reactionType: string): boolean {
    const byMessage = this.state.reactions[container];
    const list = byMessage?.[messageId] ?? [];
    const rest = list.filter((r) => !(r.userId === userId && r.reactionType === reactionType));
    if (rest.length === list.length) return false;
    byMessage![messageId] = rest;
    this.touch(container, messageId, new Date().toISOString());
    return true;
  }

  private touch(container: ContainerKey, messageId: string, at: string): void {
    (this.state.modified[container] ??= {})[messageId] = at;
    this.section.changed();
    this.emit({ container, messageId, changeType: "updated" });
  }
}
