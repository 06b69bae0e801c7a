/**
 * The naive baseline, as the Nango quickstart would write it: one `nango.get` after
 * another per page view, no cache, no batching, first page only.
 */
import type { Nango } from "@nangohq/node";

type Get = <T>(endpoint: string) => Promise<T>;

export function naiveClient(nango: Nango, integrationId: string, connectionId: string) {
  const get: Get = async (endpoint) =>
    (await nango.get({ endpoint, connectionId, providerConfigKey: integrationId, retries: 0 })).data as never;
  const roundTrip = () => get("/v1.0/me");
  return {
    /** One Graph round trip through the proxy. */
    roundTrip,
    /** How long each of `count` round trips took, one after another (ms). */
    async roundTrips(count: number): Promise<number[]> {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await roundTrip();
        times.push(performance.now() - started);
      }
      return times;
    },
    /** Presence, joined teams, each team's channels, recent chats. */
    async dashboard() {
      await get("/v1.0/me/presence");
      const teams = await get<{ value: Array<{ id: string }> }>("/v1.0/me/joinedTeams");
      for (const team of teams.value) await get(`/v1.0/teams/${team.id}/channels`);
      await get(
        "/v1.0/me/chats?$expand=members,lastMessagePreview&$orderby=lastMessagePreview/createdDateTime desc&$top=8",
      );
    },
    dashboardTeams: () => get("/v1.0/me/joinedTeams"),
    async team(teamId: string) {
      await get(`/v1.0/teams/${teamId}`);
      await get(`/v1.0/teams/${teamId}/channels`);
    },
    /** Every page of the user's chats, following @odata.nextLink: how many, and how long each took (ms). */
    async allChatPages(top: number): Promise<number[]> {
      const times: number[] = [];
      let endpoint: string | undefined =
        `/v1.0/me/chats?$expand=members,lastMessagePreview&$orderby=lastMessagePreview/createdDateTime desc&$top=${top}`;
      while (endpoint) {
        const started = performance.now();
        const page: { "@odata.nextLink"?: string } = await get(endpoint);
        times.push(performance.now() - started);
        const next = page["@odata.nextLink"];
        endpoint = next ? next.slice(new URL(next).origin.length) : undefined;
      }
      return times;
    },
    async chat(chatId: string) {
      await get(`/v1.0/chats/${chatId}`);
      await get(`/v1.0/chats/${chatId}/members`);
      await get(`/v1.0/chats/${chatId}/messages?$top=20`);
    },
  };
}
