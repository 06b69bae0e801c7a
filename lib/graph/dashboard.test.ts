// A returning user's dashboard in one round trip, against the emulator over HTTP through the real Nango SDK.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGraphFixture } from "./test/emulator-fixture";

const MEGAN = "megan@contoso.example";
let t: Awaited<ReturnType<typeof startGraphFixture>>;

beforeAll(async () => {
  t = await startGraphFixture();
});
afterAll(async () => t?.close());
beforeEach(async () => t.resetControls());

const graphCalls = async () => (await t.counters()).byRoute;
const rememberedTeams = async (mappingId: string) =>
  (await t.db.teamsConnection.findUniqueOrThrow({ where: { id: mappingId } })).teamIds;

/** A user who saw their teams once (so the app remembers them) and whose cache has expired since. */
async function returningUser(scopes?: string[]) {
  const { userId, mapping } = await t.connect(MEGAN, scopes ? { scopes } : {});
  const teams = await t.graph.getJoinedTeams(userId);
  await expect.poll(() => rememberedTeams(mapping.id)).toHaveLength(teams.length);
  expect([...(await rememberedTeams(mapping.id))].sort()).toEqual(teams.map((team) => team.id).sort());
  await t.graph.invalidateUserCache(userId);
  await t.resetControls();
  return { userId, mapping, teams };
}

/** A message Megan posts in a chat from elsewhere (Teams itself): the app's cache does not know. */
async function postStraightToGraph(chatId: string) {
  const posted = await fetch(`${t.emulator.origins.graph}/v1.0/chats/${encodeURIComponent(chatId)}/messages`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${t.mintToken(MEGAN, ["ChatMessage.Send"])}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ body: { content: "back to the top" } }),
  });
  expect(posted.status).toBe(201);
}

describe("a returning user's dashboard", () => {
  it("arrives in one $batch: teams with their counts, presence and the recent chats, then stays cached", async () => {
    const { userId, teams } = await returningUser();
    const reads = await t.graph.getDashboardInOneTrip(userId);
    expect(await graphCalls()).toEqual({ "POST /v1.0/$batch": Math.ceil((teams.length + 3) / 20) });
    expect(reads.teams?.map((team) => team.id)).toEqual(teams.map((team) => team.id));
    expect(reads.counts).toEqual(Object.fromEntries(teams.map((team) => [team.id, team.channelCount])));
    expect(reads.presence).toMatchObject({ availability: expect.any(String) });
    expect(reads.chats).toHaveLength(8);

    // Each part is what its own read returns now, without another call to Graph.
    await t.resetControls();
    expect(await t.graph.getJoinedTeams(userId)).toEqual(teams);
    expect(await t.graph.getRecentChats(userId, 8)).toEqual(reads.chats);
    expect(await t.graph.getMyPresence(userId)).toEqual(reads.presence);
    await t.graph.getTeamWithChannels(userId, teams[0]!.id);
    // Nothing is missing now: nothing is asked.
    expect(await t.graph.getDashboardInOneTrip(userId)).toEqual({});
    expect((await t.counters()).total).toBe(0);
  });

  it("asks only for what the cache lacks, and nothing when one read alone would do", async () => {
    const { userId } = await returningUser();
    await t.graph.getJoinedTeams(userId);
    await t.resetControls();
    // Teams and counts cached: presence and chats come in one envelope.
    const reads = await t.graph.getDashboardInOneTrip(userId);
    expect(Object.keys(reads).sort()).toEqual(["chats", "presence"]);
    expect(await graphCalls()).toEqual({ "POST /v1.0/$batch": 1 });
    // Only presence missing: the page's own read is one round trip too.
    await t.graph.invalidateUserCache(userId);
    await Promise.all([t.graph.getJoinedTeams(userId), t.graph.getRecentChats(userId, 8)]);
    await t.resetControls();
    expect(await t.graph.getDashboardInOneTrip(userId)).toEqual({});
    expect((await t.counters()).total).toBe(0);
  });

  it("leaves the counts out when the teams changed since, and remembers the new list", async () => {
    const { userId, mapping, teams } = await returningUser();
    const stale = teams.slice(1).map((team) => team.id);
    await t.db.teamsConnection.update({ where: { id: mapping.id }, data: { teamIds: stale } });
    const reads = await t.graph.getDashboardInOneTrip(userId);
    expect(reads.teams).toHaveLength(teams.length);
    expect(reads.counts).toBeUndefined();
    await expect.poll(() => rememberedTeams(mapping.id)).toHaveLength(teams.length);
  });

  it("refreshed, what it brings replaces what the cache held: the next plain view shows it too", async () => {
    const { userId } = await returningUser();
    await t.graph.getDashboardInOneTrip(userId);
    const before = await t.graph.getRecentChats(userId, 8);
    await postStraightToGraph(before.at(-1)!.id);
    const refreshed = await t.graph.getDashboardInOneTrip(userId, { refresh: true });
    expect(refreshed.chats?.[0]?.id).toBe(before.at(-1)!.id);
    await t.resetControls();
    expect(await t.graph.getRecentChats(userId, 8)).toEqual(refreshed.chats);
    // So does the chat's own page (its entry came with the list), with the new message.
    expect((await t.graph.getChat(userId, before.at(-1)!.id)).chat).toEqual(refreshed.chats![0]);
    expect((await t.counters()).total).toBe(0);
  });

  it("refreshed while a change forgets the user's cache, it leaves the cache to the next read", async () => {
    const { userId } = await returningUser();
    await t.graph.getDashboardInOneTrip(userId);
    // The change lands while the $batch is on its way: what it brings may predate it.
    await t.emulator.control("/latency", { service: "graph", fixedMs: 1_500 });
    const refreshing = t.graph.getDashboardInOneTrip(userId, { refresh: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.graph.invalidateUserCache(userId);
    expect((await refreshing).chats).toHaveLength(8);
    await t.resetControls();
    await t.graph.getRecentChats(userId, 8);
    expect(await graphCalls()).toEqual({ "GET /v1.0/me/chats": 1 });
  });

  it("leaves out a part Graph refused (no Presence.Read), and brings the rest", async () => {
    const { userId } = await returningUser(["User.Read", "Team.ReadBasic.All", "Channel.ReadBasic.All", "Chat.Read"]);
    const reads = await t.graph.getDashboardInOneTrip(userId);
    expect(reads.presence).toBeUndefined();
    expect(reads.teams?.length).toBeGreaterThan(0);
    expect(reads.counts).toBeDefined();
    expect(reads.chats).toHaveLength(8);
  });

  it("an open dashboard's check asks for presence and the recent chats again in one $batch, past the cache", async () => {
    const { userId } = await returningUser();
    const [before, presence] = await Promise.all([t.graph.getRecentChats(userId, 8), t.graph.getMyPresence(userId)]);
    // A message in the oldest of the eight makes it the newest; the cache still has the old order.
    const oldest = before.at(-1)!;
    await postStraightToGraph(oldest.id);
    await t.resetControls();

    const checked = await t.graph.recheckPresenceAndRecentChats(userId);
    expect(await graphCalls()).toEqual({ "POST /v1.0/$batch": 1 });
    expect(checked.chats?.map((chat) => chat.id)).toEqual([oldest.id, ...before.slice(0, -1).map((chat) => chat.id)]);
    expect(checked.presence).toEqual(presence);
    // The page's next render is served what the check brought.
    await t.resetControls();
    expect(await t.graph.getRecentChats(userId, 8)).toEqual(checked.chats);
    expect(await t.graph.getMyPresence(userId)).toEqual(checked.presence);
    expect((await t.counters()).total).toBe(0);
  });

  it("an open dashboard's check brings the chats when Graph refuses presence (no Presence.Read)", async () => {
    const { userId } = await returningUser(["User.Read", "Team.ReadBasic.All", "Channel.ReadBasic.All", "Chat.Read"]);
    const checked = await t.graph.recheckPresenceAndRecentChats(userId);
    expect(Object.keys(checked)).toEqual(["chats"]);
    expect(checked.chats).toHaveLength(8);
    expect(await graphCalls()).toEqual({ "POST /v1.0/$batch": 1 });
  });
});
