import "server-only";
import type { Chat, Presence, Team } from "@microsoft/microsoft-graph-types";
import { graphBatch, type BatchResult } from "./batch";
import { chatsEndpoint, recentChatsFrom } from "./chats";
import { graphConnectionFor, type GraphConnection } from "./connection";
import { PRESENCE_KEY } from "./presence";
import { cacheGeneration, type PrimeOptions } from "./cache";
import { freshGraphKeys, primeGraph, type ReadOptions } from "./read";
import { reshapePresence } from "./reshape";
import {
  channelCountsFrom,
  channelCountsKey,
  channelsRequest,
  JOINED_TEAMS_KEY,
  joinedTeamsFrom,
  rememberTeamIds,
  sameIds,
} from "./teams";
import type { ChatSummary, PresenceView, TeamSummary } from "./types";

/** The dashboard lists this many recent chats. */
export const RECENT_CHATS = 8;

/** What the one round trip brought; a section it could not bring is missing (read on its own). */
export interface DashboardReads {
  presence?: PresenceView;
  teams?: TeamSummary[];
  /** Only when the joined teams are the remembered ones (else their counts were not asked). */
  counts?: Record<string, number | null>;
  chats?: ChatSummary[];
}

type Collection<T> = { value?: T[]; "@odata.nextLink"?: string };

const PRESENCE_REQUEST = { id: "presence", url: "/me/presence" };
const RECENT_CHATS_ENDPOINT = chatsEndpoint(RECENT_CHATS);
const RECENT_CHATS_REQUEST = { id: "chats", url: RECENT_CHATS_ENDPOINT.replace(/^\/v1\.0/, "") };

const answered = <T>(result: BatchResult | undefined): T | null =>
  result?.status === 200 && result.body && typeof result.body === "object" ? (result.body as T) : null;

/**
 * A returning user's dashboard in one Graph round trip: what the cache lacks of the joined
 * teams, presence, the recent chats and the channels of the teams remembered from last
 * time, in one `$batch` (more than 20 items go as parallel envelopes, still one round
 * trip). Each part is kept under the key its own read uses, so the page's reads, the JSON
 * API and the team pages are served from it. A part Graph refused is left out: the page
 * reads it on its own and shows that error. When the teams changed since last time their
 * counts are left out (asked for the new list). Nothing is asked (an empty answer) for a
 * user never seen, or when at most one read is missing: alone it is one round trip too.
 */
export async function getDashboardInOneTrip(userId: string, options: ReadOptions = {}): Promise<DashboardReads> {
  const connection = await graphConnectionFor(userId);
  const remembered = connection.teamIds;
  if (remembered.length === 0) return {};
  const countsKey = channelCountsKey(remembered);
  // Refreshed: what arrives replaces what the cache holds (the page's next view shows it).
  const asOf = options.refresh ? await cacheGeneration(userId) : undefined;
  const fresh = options.refresh
    ? new Set<string>()
    : await freshGraphKeys(userId, connection, [JOINED_TEAMS_KEY, countsKey, PRESENCE_KEY, RECENT_CHATS_ENDPOINT]);
  const prime = { replaceAsOf: asOf };
  // Counts are right only for the current list: the two are asked together.
  const wantTeams = !fresh.has(JOINED_TEAMS_KEY) || !fresh.has(countsKey);
  const wantPresence = !fresh.has(PRESENCE_KEY);
  const wantChats = !fresh.has(RECENT_CHATS_ENDPOINT);
  if ((wantTeams ? 2 : 0) + (wantPresence ? 1 : 0) + (wantChats ? 1 : 0) < 2) return {};

  const results = await graphBatch(connection, [
    ...(wantTeams ? [{ id: "teams", url: "/me/joinedTeams" }, ...remembered.map(channelsRequest)] : []),
    ...(wantPresence ? [PRESENCE_REQUEST] : []),
    ...(wantChats ? [RECENT_CHATS_REQUEST] : []),
  ]);
  const reads: DashboardReads = {};
  const teams = answered<Collection<Team>>(results.get("teams"));
  // A list that goes on (hundreds of teams) is read whole by the page's own read.
  if (teams && Array.isArray(teams.value) && !teams["@odata.nextLink"]) {
    reads.teams = joinedTeamsFrom(teams.value);
    primeGraph(userId, connection, JOINED_TEAMS_KEY, reads.teams, prime);
    rememberTeamIds(connection, reads.teams);
    if (
      sameIds(
        reads.teams.map((team) => team.id),
        remembered,
      )
    ) {
      reads.counts = channelCountsFrom(userId, connection, reads.teams, results, prime);
      primeGraph(userId, connection, countsKey, reads.counts, prime);
    }
  }
  // Only what arrived: a refused part is no key at all.
  return { ...reads, ...presenceAndChatsFrom(userId, connection, results, prime) };
}

/**
 * What an open dashboard checks again every 30 s, since Graph has no delegated
 * subscription for it (a chat that is new, presence): both in one `$batch`, past the
 * cache, so a watching page costs Graph one call a check instead of two. Each part
 * replaces what its own read's key holds, so the page's next render is served from it
 * (unless a change forgot the key meanwhile: then that render reads it); a part Graph
 * refused is missing, and the next check asks again.
 */
export async function recheckPresenceAndRecentChats(
  userId: string,
): Promise<Pick<DashboardReads, "presence" | "chats">> {
  const [connection, asOf] = await Promise.all([graphConnectionFor(userId), cacheGeneration(userId)]);
  const results = await graphBatch(connection, [PRESENCE_REQUEST, RECENT_CHATS_REQUEST]);
  return presenceAndChatsFrom(userId, connection, results, { replaceAsOf: asOf });
}

/** Presence and the recent chats from a `$batch`'s answers, each cached under its own read's key. */
function presenceAndChatsFrom(
  userId: string,
  connection: GraphConnection,
  results: Map<string, BatchResult>,
  prime: PrimeOptions,
): Pick<DashboardReads, "presence" | "chats"> {
  const parts: Pick<DashboardReads, "presence" | "chats"> = {};
  const presence = answered<Presence>(results.get(PRESENCE_REQUEST.id));
  if (presence) {
    parts.presence = reshapePresence(presence);
    primeGraph(userId, connection, PRESENCE_KEY, parts.presence, prime);
  }
  const chats = answered<Collection<Chat>>(results.get(RECENT_CHATS_REQUEST.id));
  if (chats && Array.isArray(chats.value)) {
    parts.chats = recentChatsFrom(userId, connection, chats.value, prime);
    primeGraph(userId, connection, RECENT_CHATS_ENDPOINT, parts.chats, prime);
  }
  return parts;
}
