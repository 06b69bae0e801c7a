import "server-only";
import type { Channel, Team } from "@microsoft/microsoft-graph-types";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { graphBatch, type BatchResult } from "./batch";
import type { PrimeOptions } from "./cache";
import type { GraphConnection } from "./connection";
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
    JOINED_TEAMS_KEY,
    async (connection) => {
      const teams = joinedTeamsFrom(await getAllPages<Team>(connection, "/v1.0/me/joinedTeams"));
      rememberTeamIds(connection, teams);
      return teams;
    },
    options,
  );
}

export const JOINED_TEAMS_KEY = "joinedTeams";

export function joinedTeamsFrom(teams: Team[]): TeamSummary[] {
  return teams
    .filter((team): team is Team & { id: string } => typeof team.id === "string")
    .map((team) => reshapeTeam(team));
}

/**
 * Channel counts of these teams, by team id: their channels in `$batch` envelopes (20
 * teams per round trip) instead of one call per team. A team whose channels could not
 * be read has no count (null).
 */
export function getChannelCounts(
  userId: string,
  teams: TeamSummary[],
  options?: ReadOptions,
): Promise<Record<string, number | null>> {
  return readGraph(
    userId,
    channelCountsKey(teams.map((team) => team.id)),
    async (connection) => {
      if (teams.length === 0) return {};
      const requests = teams.map((team) => channelsRequest(team.id));
      return channelCountsFrom(userId, connection, teams, await graphBatch(connection, requests));
    },
    options,
  );
}

/** The cache key of these teams' counts: it names the teams, so a changed list is recounted. */
export const channelCountsKey = (teamIds: readonly string[]) => `channelCounts:${[...teamIds].sort().join(",")}`;

/** A team's channels as an item of a `$batch` (its id names the team). */
export const channelsRequest = (teamId: string) => ({
  id: `channels:${teamId}`,
  url: graphPath`/teams/${teamId}/channels`,
});

/**
 * The counts from the teams' `channelsRequest` answers. A complete channel list is all
 * the team page needs: it is kept for that page (replacing what it held when `prime`
 * says the lists were read past the cache).
 */
export function channelCountsFrom(
  userId: string,
  connection: GraphConnection,
  teams: TeamSummary[],
  results: Map<string, BatchResult>,
  prime?: PrimeOptions,
): Record<string, number | null> {
  const counts: Record<string, number | null> = {};
  for (const team of teams) {
    const result = results.get(channelsRequest(team.id).id);
    const body = result?.body as { value?: Channel[]; "@odata.nextLink"?: string } | undefined;
    const value = result?.status === 200 && Array.isArray(body?.value) ? body.value : null;
    counts[team.id] = value ? value.length : null;
    if (value && !body?.["@odata.nextLink"])
      primeGraph(
        userId,
        connection,
        teamKey(team.id),
        { team: { ...team, channelCount: value.length }, channels: value.map(reshapeChannel) },
        prime,
      );
  }
  return counts;
}

/**
 * Keeps the joined teams' ids with the connection (written only when they changed, never
 * awaited): the next dashboard after the cache expired asks for their channels at once.
 */
export function rememberTeamIds(connection: GraphConnection, teams: TeamSummary[]): void {
  const ids = teams.map((team) => team.id);
  if (!connection.mappingId || sameIds(ids, connection.teamIds)) return;
  db.teamsConnection
    .updateMany({ where: { id: connection.mappingId }, data: { teamIds: ids } })
    .catch((error: unknown) => logger.warn("could not remember the joined teams", { error }));
}

export const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

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
