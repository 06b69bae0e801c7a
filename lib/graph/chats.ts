import "server-only";
import type { AadUserConversationMember, Chat } from "@microsoft/microsoft-graph-types";
import { decodeCursor, encodeCursor } from "./cursor";
import { graphPath } from "./ids";
import { getAllPages, getPage } from "./paging";
import type { PrimeOptions } from "./cache";
import type { GraphConnection } from "./connection";
import { primeGraph, readGraph, type ReadOptions } from "./read";
import { graphRequest } from "./request";
import { reshapeChat, reshapeMember } from "./reshape";
import type { ChatMember, ChatSummary, Paged } from "./types";

const CHATS_SCOPE = "chats";
/** Graph's maximum page for /me/chats. */
const CHATS_PAGE = 50;

/** The user's most recent chats, `top` of them: also their cache key. */
export const chatsEndpoint = (top: number) =>
  `/v1.0/me/chats?$expand=members,lastMessagePreview&$orderby=lastMessagePreview/createdDateTime desc&$top=${top}`;

/** The dashboard's recent chats and the first page of all chats, by cache key. */
export const chatListEndpoints = (recent = 8) => [chatsEndpoint(recent), chatsEndpoint(CHATS_PAGE)];

/** One page of the user's chats, most recent first; `cursor` continues the list. */
export async function getChatsPage(
  userId: string,
  cursor?: string,
  options?: ReadOptions,
): Promise<Paged<ChatSummary>> {
  const endpoint = cursor ? decodeCursor(userId, CHATS_SCOPE, cursor) : chatsEndpoint(CHATS_PAGE);
  return readGraph(
    userId,
    endpoint,
    async (connection) => {
      const page = await getPage<Chat>(connection, endpoint);
      primeChats(userId, connection, page.items);
      return {
        items: page.items.map((chat) => reshapeChat(chat, connection.accountEmail)),
        cursor: page.next ? encodeCursor(userId, CHATS_SCOPE, page.next) : null,
      };
    },
    options,
  );
}

/**
 * Every page of the user's chats from `cursor` on (from the first without one), each read
 * as `getChatsPage` reads it (cache, tenant pacing, the connection checked every page),
 * the next asked for as soon as Graph answers the last: Graph's nextLink paging is one
 * page after another, so this is as fast as a list of chats can arrive. Stops when the
 * caller goes away.
 */
export async function* chatPagesFrom(
  userId: string,
  cursor: string | undefined,
  signal: AbortSignal,
  options?: ReadOptions,
): AsyncGenerator<Paged<ChatSummary>, void, undefined> {
  let next: string | null | undefined = cursor;
  do {
    const page = await getChatsPage(userId, next ?? undefined, options);
    if (signal.aborted) return;
    yield page;
    next = page.cursor;
  } while (next && !signal.aborted);
}

/** The few most recent chats, for the dashboard. */
export async function getRecentChats(userId: string, count = 8, options?: ReadOptions): Promise<ChatSummary[]> {
  const endpoint = chatsEndpoint(count);
  return readGraph(
    userId,
    endpoint,
    async (connection) => recentChatsFrom(userId, connection, (await getPage<Chat>(connection, endpoint)).items),
    options,
  );
}

/**
 * Graph's chats as the pages show them; each chat with its whole membership is kept for
 * its own page (replacing what it held when `prime` says the list was read past the cache).
 */
export function recentChatsFrom(
  userId: string,
  connection: GraphConnection,
  chats: Chat[],
  prime?: PrimeOptions,
): ChatSummary[] {
  primeChats(userId, connection, chats, prime);
  return chats.map((chat) => reshapeChat(chat, connection.accountEmail));
}

/** One chat and all its members, fetched in parallel. */
export function getChat(
  userId: string,
  chatId: string,
  options?: ReadOptions,
): Promise<{ chat: ChatSummary; members: ChatMember[] }> {
  return readGraph(
    userId,
    chatKey(chatId),
    async (connection) => {
      const [chat, members] = await Promise.all([
        graphRequest<Chat>(connection, { endpoint: graphPath`/v1.0/chats/${chatId}` }),
        getAllPages<AadUserConversationMember>(connection, graphPath`/v1.0/chats/${chatId}/members`),
      ]);
      return {
        chat: reshapeChat({ ...chat.data, members }, connection.accountEmail),
        members: members.map(reshapeMember),
      };
    },
    options,
  );
}

const chatKey = (chatId: string) => `chat:${chatId}`;

/** Graph's `$expand=members` stops at 25: below that, the list is the chat's whole membership. */
const EXPANDED_MEMBERS_LIMIT = 25;

/** Chats listed with their members expanded already hold what the chat page shows first. */
function primeChats(userId: string, connection: GraphConnection, chats: Chat[], prime?: PrimeOptions): void {
  for (const chat of chats) {
    const members = (chat.members ?? []) as AadUserConversationMember[];
    if (!chat.id || members.length === 0 || members.length >= EXPANDED_MEMBERS_LIMIT) continue;
    primeGraph(
      userId,
      connection,
      chatKey(chat.id),
      { chat: reshapeChat(chat, connection.accountEmail), members: members.map(reshapeMember) },
      prime,
    );
  }
}
