import "server-only";
import type { Chat, Presence, Team } from "@microsoft/microsoft-graph-types";
import { graphBatch, type BatchResult } from "./batch";
import { recentChatsEndpoint, recentChatsFrom } from "./chats";
import { graphConnectionFor } from "./connection";
import { PRESENCE_KEY } from "./presence";
import { forgetGraph, primeGraph, readGraph, type ReadOptions } from "./read";
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

const DASHBOARD_KEY = "dashboard";

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
 * A returning user's dashboard in one Graph round trip: the joined teams, presence, the
 * recent chats and the channels of the teams remembered from last time, in one `$batch`
 * (more than 20 go as parallel envelopes, still one round trip). Each part is kept under
 * the key its own read uses, so the JSON API and the team pages are served from it too.
 * A part Graph refused is left out: the page reads it on its own and shows that error.
 * The teams changed since last time: their counts are left out (asked for the new list).
 */
export function getDashboardInOneTrip(
  userId: string,
  rememberedTeamIds: readonly string[],
  options?: ReadOptions,
): Promise<DashboardReads> {
  return readGraph(
    userId,
    DASHBOARD_KEY,
    async (connection) => {
      const chatsEndpoint = recentChatsEndpoint(RECENT_CHATS);
      const results = await graphBatch(connection, [
        { id: "teams", url: "/me/joinedTeams" },
        { id: "presence", url: "/me/presence" },
        { id: "chats", url: chatsEndpoint.replace(/^\/v1\.0/, "") },
        ...rememberedTeamIds.map(channelsRequest),
      ]);
      const reads: DashboardReads = {};
      const teams = answered<Collection<Team>>(results.get("teams"));
      // A list that goes on (hundreds of teams) is read whole by the page's own read.
      if (teams && Array.isArray(teams.value) && !teams["@odata.nextLink"]) {
        reads.teams = joinedTeamsFrom(teams.value);
        primeGraph(userId, connection, JOINED_TEAMS_KEY, reads.teams);
        rememberTeamIds(connection, reads.teams);
        const ids = reads.teams.map((team) => team.id);
        if (sameIds(ids, rememberedTeamIds)) {
          reads.counts = channelCountsFrom(userId, connection, reads.teams, results);
          primeGraph(userId, connection, channelCountsKey(reads.teams), reads.counts);
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
        primeGraph(userId, connection, chatsEndpoint, reads.chats);
      }
      return reads;
    },
    options,
  );
}

/** What makes the dashboard's round trip stale: a chat changed, presence changed. */
export const DASHBOARD_KEYS = [DASHBOARD_KEY];

/** Forgets the dashboard's round trip (the live dashboard saw a change the page will read). */
export async function forgetDashboard(userId: string): Promise<void> {
  await forgetGraph(userId, await graphConnectionFor(userId), DASHBOARD_KEYS);
}
