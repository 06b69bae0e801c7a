import "server-only";
import type { Chat, Presence, Team } from "@microsoft/microsoft-graph-types";
import { graphBatch, type BatchResult } from "./batch";
import { chatsEndpoint, recentChatsFrom } from "./chats";
import { graphConnectionFor } from "./connection";
import { PRESENCE_KEY } from "./presence";
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
  const recentEndpoint = chatsEndpoint(RECENT_CHATS);
  const countsKey = channelCountsKey(remembered);
  const fresh = options.refresh
    ? new Set<string>()
    : await freshGraphKeys(userId, connection, [JOINED_TEAMS_KEY, countsKey, PRESENCE_KEY, recentEndpoint]);
  // Counts are right only for the current list: the two are asked together.
  const wantTeams = !fresh.has(JOINED_TEAMS_KEY) || !fresh.has(countsKey);
  const wantPresence = !fresh.has(PRESENCE_KEY);
  const wantChats = !fresh.has(recentEndpoint);
  if ((wantTeams ? 2 : 0) + (wantPresence ? 1 : 0) + (wantChats ? 1 : 0) < 2) return {};

  const results = await graphBatch(connection, [
    ...(wantTeams ? [{ id: "teams", url: "/me/joinedTeams" }, ...remembered.map(channelsRequest)] : []),
    ...(wantPresence ? [{ id: "presence", url: "/me/presence" }] : []),
    ...(wantChats ? [{ id: "chats", url: recentEndpoint.replace(/^\/v1\.0/, "") }] : []),
  ]);
  const reads: DashboardReads = {};
  const teams = answered<Collection<Team>>(results.get("teams"));
  // A list that goes on (hundreds of teams) is read whole by the page's own read.
  if (teams && Array.isArray(teams.value) && !teams["@odata.nextLink"]) {
    reads.teams = joinedTeamsFrom(teams.value);
    primeGraph(userId, connection, JOINED_TEAMS_KEY, reads.teams);
    rememberTeamIds(connection, reads.teams);
    if (
      sameIds(
        reads.teams.map((team) => team.id),
        remembered,
      )
    ) {
      reads.counts = channelCountsFrom(userId, connection, reads.teams, results);
      primeGraph(userId, connection, countsKey, reads.counts);
    }
  }
  const presence = answered<Presence>(results.get("presence"));
  if (presence) {
    reads.presence = reshapePresence(presence);
    primeGraph(userId, connection, PRESENCE_KEY, reads.presence);
  }
  const chats = answered<Collection<Chat>>(results.get("chats"));
  if (chats && Array.isArray(chats.value)) {
    reads.chats = recentChatsFrom(userId, connection, chats.value);
    primeGraph(userId, connection, recentEndpoint, reads.chats);
  }
  return reads;
}
