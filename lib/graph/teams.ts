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
 * The user's joined teams with their channel counts: one joinedTeams call, then the
 * channels of every team in `$batch` envelopes (20 teams per round trip) instead of
 * one call per team. A team whose channels could not be read shows no count.
 */
export function getJoinedTeams(userId: string, options?: ReadOptions): Promise<TeamSummary[]> {
  return readGraph(
    userId,
    "joinedTeams+channelCounts",
    async (connection) => {
      const teams = await getAllPages<Team>(connection, "/v1.0/me/joinedTeams");
      const valid = teams.filter((team): team is Team & { id: string } => typeof team.id === "string");
      const requests = valid.map((team, i) => ({ id: String(i), url: graphPath`/teams/${team.id}/channels` }));
      const counts = requests.length > 0 ? await graphBatch(connection, requests) : new Map();
      return valid.map((team, i) => {
        const result = counts.get(String(i));
        const body = result?.body as { value?: Channel[]; "@odata.nextLink"?: string } | undefined;
        const value = result?.status === 200 && Array.isArray(body?.value) ? body.value : null;
        const summary = reshapeTeam(team, value ? value.length : null);
        // A complete channel list is all the team page needs: keep it for that page.
        if (value && !body?.["@odata.nextLink"])
          primeGraph(userId, connection, teamKey(team.id), { team: summary, channels: value.map(reshapeChannel) });
        return summary;
      });
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
