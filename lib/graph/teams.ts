import "server-only";
import type { Channel, Team } from "@microsoft/microsoft-graph-types";
import { graphBatch } from "./batch";
import { graphPath } from "./ids";
import { getAllPages } from "./paging";
import { primeGraph, readGraph, type ReadOptions } from "./read";
import { graphRequest } from "./request";
import { reshapeChannel, reshapeTeam } from "./reshape";
import type { ChannelSummary, TeamSummary } from "./types";

/**
 * The user's joined teams with their channel counts (the JSON API): the team list, then
 * the counts for those teams.
 */
export async function getJoinedTeams(userId: string, options?: ReadOptions): Promise<TeamSummary[]> {
  const teams = await getJoinedTeamList(userId, options);
  const counts = await getChannelCounts(userId, teams, options);
  return teams.map((team) => ({ ...team, channelCount: counts[team.id] ?? null }));
}

/**
 * The user's joined teams, without channel counts (`channelCount` null): one Graph round
 * trip, so a page shows them while the counts are still on their way.
 */
export function getJoinedTeamList(userId: string, options?: ReadOptions): Promise<TeamSummary[]> {
  return readGraph(
    userId,
    "joinedTeams",
    async (connection) =>
      (await getAllPages<Team>(connection, "/v1.0/me/joinedTeams"))
        .filter((team): team is Team & { id: string } => typeof team.id === "string")
        .map((team) => reshapeTeam(team)),
    options,
  );
}

/**
 * Channel counts of these teams, by team id: their channels in `$batch` envelopes (20
 * teams per round trip) instead of one call per team. A team whose channels could not
 * be read has no count (null). The key names the teams, so a changed list is recounted.
 */
export function getChannelCounts(
  userId: string,
  teams: TeamSummary[],
  options?: ReadOptions,
): Promise<Record<string, number | null>> {
  const ids = teams.map((team) => team.id).sort();
  return readGraph(
    userId,
    `channelCounts:${ids.join(",")}`,
    async (connection) => {
      if (teams.length === 0) return {};
      const requests = teams.map((team, i) => ({ id: String(i), url: graphPath`/teams/${team.id}/channels` }));
      const results = await graphBatch(connection, requests);
      const counts: Record<string, number | null> = {};
      teams.forEach((team, i) => {
        const result = results.get(String(i));
        const body = result?.body as { value?: Channel[]; "@odata.nextLink"?: string } | undefined;
        const value = result?.status === 200 && Array.isArray(body?.value) ? body.value : null;
        counts[team.id] = value ? value.length : null;
        // A complete channel list is all the team page needs: keep it for that page.
        if (value && !body?.["@odata.nextLink"])
          primeGraph(userId, connection, teamKey(team.id), {
            team: { ...team, channelCount: value.length },
            channels: value.map(reshapeChannel),
          });
      });
      return counts;
    },
    options,
  );
}

/** One team and its channels (the ones the user can see), fetched in parallel. */
export function getTeamWithChannels(
  userId: string,
  teamId: string,
  options?: ReadOptions,
): Promise<{ team: TeamSummary; channels: ChannelSummary[] }> {
  return readGraph(
    userId,
    teamKey(teamId),
    async (connection) => {
      const [team, channels] = await Promise.all([
        graphRequest<Team>(connection, { endpoint: graphPath`/v1.0/teams/${teamId}` }),
        getAllPages<Channel>(connection, graphPath`/v1.0/teams/${teamId}/channels`),
      ]);
      return { team: reshapeTeam(team.data, channels.length), channels: channels.map(reshapeChannel) };
    },
    options,
  );
}

export function getChannel(
  userId: string,
  teamId: string,
  channelId: string,
  options?: ReadOptions,
): Promise<ChannelSummary> {
  return readGraph(
    userId,
    `channel:${teamId}:${channelId}`,
    async (connection) =>
      reshapeChannel(
        (await graphRequest<Channel>(connection, { endpoint: graphPath`/v1.0/teams/${teamId}/channels/${channelId}` }))
          .data,
      ),
    options,
  );
}

const teamKey = (teamId: string) => `team:${teamId}`;
