import "server-only";
import type { ChatMessage } from "@microsoft/microsoft-graph-types";
import { decodeCursor, encodeCursor } from "./cursor";
import { graphPath } from "./ids";
import { getAllPages, getPage } from "./paging";
import { readGraph, type ReadOptions } from "./read";
import { myGraphId } from "./me";
import { reshapeMessage, sendersOf } from "./reshape";
import type { MessageView, Paged } from "./types";

const PAGE_SIZE = 20;

/** Only marks the reader's own reactions: a failure to learn it never fails the page. */
const selfIdOrNull = (userId: string) => myGraphId(userId).catch(() => null);

async function messagePage(
  userId: string,
  scope: string,
  first: string,
  cursor: string | undefined,
  options?: ReadOptions,
): Promise<Paged<MessageView>> {
  const endpoint = cursor ? decodeCursor(userId, scope, cursor) : first;
  return readGraph(
    userId,
    endpoint,
    async (connection) => {
      const [page, selfId] = await Promise.all([getPage<ChatMessage>(connection, endpoint), selfIdOrNull(userId)]);
      const reader = { selfId, names: sendersOf(page.items) };
      return {
        items: page.items.map((message) => reshapeMessage(message, reader)),
        cursor: page.next ? encodeCursor(userId, scope, page.next) : null,
      };
    },
    options,
  );
}

/** The first (newest) page of a chat's messages: also its cache key. */
export const chatMessagesEndpoint = (chatId: string) =>
  `${graphPath`/v1.0/chats/${chatId}/messages`}?$top=${PAGE_SIZE}`;

/** The first page of a channel's posts with their replies: also its cache key. */
export const channelMessagesEndpoint = (teamId: string, channelId: string) =>
  `${graphPath`/v1.0/teams/${teamId}/channels/${channelId}/messages`}?$top=${PAGE_SIZE}&$expand=replies`;

/** A channel message's replies: also their cache key. */
export const repliesEndpoint = (teamId: string, channelId: string, messageId: string) =>
  `${graphPath`/v1.0/teams/${teamId}/channels/${channelId}/messages/${messageId}/replies`}?$top=50`;

/** A page of a chat's messages, newest first; `cursor` continues with older ones. */
export function getChatMessages(
  userId: string,
  chatId: string,
  cursor?: string,
  options?: ReadOptions,
): Promise<Paged<MessageView>> {
  return messagePage(userId, `chat:${chatId}`, chatMessagesEndpoint(chatId), cursor, options);
}

/**
 * A page of a channel's top-level messages, newest first. `$expand=replies` brings the
 * replies along where Graph supports it; otherwise `replies` is null and the page
 * offers to load them (getMessageReplies).
 */
export function getChannelMessages(
  userId: string,
  teamId: string,
  channelId: string,
  cursor?: string,
  options?: ReadOptions,
): Promise<Paged<MessageView>> {
  return messagePage(
    userId,
    `channel:${teamId}:${channelId}`,
    channelMessagesEndpoint(teamId, channelId),
    cursor,
    options,
  );
}

/** All replies to one channel message, oldest first (as a thread reads). */
export function getMessageReplies(
  userId: string,
  teamId: string,
  channelId: string,
  messageId: string,
  options?: ReadOptions,
): Promise<MessageView[]> {
  const endpoint = repliesEndpoint(teamId, channelId, messageId);
  return readGraph(
    userId,
    endpoint,
    async (connection) => {
      const [replies, selfId] = await Promise.all([
        getAllPages<ChatMessage>(connection, endpoint, { maxPages: 20 }),
        selfIdOrNull(userId),
      ]);
      const reader = { selfId, names: sendersOf(replies) };
      return replies.map((reply) => reshapeMessage(reply, reader)).reverse();
    },
    options,
  );
}
