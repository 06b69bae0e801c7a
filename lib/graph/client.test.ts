// The Graph client against the emulator over HTTP, through the real Nango SDK.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { startGraphFixture } from "./test/emulator-fixture";

const MEGAN = "megan@contoso.example";
let t: Awaited<ReturnType<typeof startGraphFixture>>;
let megan: string;

beforeAll(async () => {
  t = await startGraphFixture();
  Object.assign(t.graph.graphPolicy, { baseDelayMs: 20, maxDelayMs: 100, deadlineMs: 10_000 });
  megan = (await t.connect(MEGAN)).userId;
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await t.resetControls();
  t.graph.invalidateUserCache(megan);
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a failure");
}

const route = async (key: string) => (await t.counters()).byRoute[key] ?? 0;

describe("paging", () => {
  it("follows every nextLink to the end of Megan's chats (≥120 chats, 3+ pages), one upstream call per page", async () => {
    const chats = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await t.graph.getChatsPage(megan, cursor);
      chats.push(...page.items);
      cursor = page.cursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(chats.length).toBeGreaterThanOrEqual(120);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(chats.map((chat) => chat.id)).size).toBe(chats.length);
    expect(await route("GET /v1.0/me/chats")).toBe(pages);
    expect(chats[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), chatType: expect.any(String) });
    expect(JSON.stringify(chats[0])).not.toContain("@odata");
  });

  it("serves a repeated read from the per-user cache; refresh goes upstream again", async () => {
    await t.graph.getRecentChats(megan);
    await t.graph.getRecentChats(megan);
    expect(await route("GET /v1.0/me/chats")).toBe(1);
    await t.graph.getRecentChats(megan, 8, { refresh: true });
    expect(await route("GET /v1.0/me/chats")).toBe(2);
  });

  it("pages opened from the dashboard reuse what its reads already returned (no extra Graph calls)", async () => {
    const [teams, chats] = await Promise.all([t.graph.getJoinedTeams(megan), t.graph.getRecentChats(megan)]);
    const before = (await t.counters()).total;
    const team = await t.graph.getTeamWithChannels(megan, teams[0]!.id);
    expect(team.channels.length).toBe(teams[0]!.channelCount);
    const chat = await t.graph.getChat(megan, chats[0]!.id);
    expect(chat.members.length).toBeGreaterThan(0);
    expect((await t.counters()).total).toBe(before);
  });

  it("refuses a cursor minted for another user or another list", async () => {
    const page = await t.graph.getChatsPage(megan);
    expect(page.cursor).toBeTruthy();
    expect((await failure(t.graph.getChatsPage("someone-else", page.cursor!))).code).toBe("invalid_input");
    expect((await failure(t.graph.getChatMessages(megan, "19:x@thread.v2", page.cursor!))).code).toBe("invalid_input");
    expect((await failure(t.graph.getChatsPage(megan, `${page.cursor}x`))).code).toBe("invalid_input");
  });
});

describe("retries", () => {
  it("waits for Retry-After after a 429, then succeeds", async () => {
    await t.fault({ path: "^/v1.0/me/presence$", status: 429, retryAfter: 1, remaining: 1 });
    const started = Date.now();
    const presence = await t.graph.getMyPresence(megan);
    expect(presence.availability).toEqual(expect.any(String));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await route("GET /v1.0/me/presence")).toBe(2);
  });

  it("backs off exponentially after a 429 without Retry-After, then succeeds", async () => {
    await t.fault({ path: "^/v1.0/me/presence$", status: 429, remaining: 2 });
    await t.graph.getMyPresence(megan);
    expect(await route("GET /v1.0/me/presence")).toBe(3);
  });

  it("gives up with throttled (and the wait) when 429s do not stop", async () => {
    await t.fault({ path: "^/v1.0/me/presence$", status: 429 });
    const error = await failure(t.graph.getMyPresence(megan));
    expect(error.code).toBe("throttled");
    expect(error.retryAfter).toBeGreaterThanOrEqual(1);
    expect(await route("GET /v1.0/me/presence")).toBe(t.graph.graphPolicy.maxAttempts);
  });

  it("does not wait for a Retry-After beyond its budget", async () => {
    await t.fault({ path: "^/v1.0/me/presence$", status: 429, retryAfter: 30 });
    const started = Date.now();
    const error = await failure(t.graph.getMyPresence(megan));
    expect(error).toMatchObject({ code: "throttled", retryAfter: 30 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await route("GET /v1.0/me/presence")).toBe(1);
    // The whole tenant now waits: another user of Contoso is refused without a call.
    const alex = await t.connect("alex@contoso.example");
    expect((await failure(t.graph.getMyPresence(alex.userId))).code).toBe("throttled");
    expect(await route("GET /v1.0/me/presence")).toBe(1);
  });

  it("retries 5xx then succeeds", async () => {
    await t.fault({ path: "^/v1.0/me/presence$", status: 503, remaining: 2 });
    await t.graph.getMyPresence(megan);
    expect(await route("GET /v1.0/me/presence")).toBe(3);
  });

  it("retries a malformed JSON body", async () => {
    await t.fault({ path: "^/v1.0/me/presence$", kind: "malformed", remaining: 1 });
    await t.graph.getMyPresence(megan);
    expect(await route("GET /v1.0/me/presence")).toBe(2);
  });

  it("fails with upstream_unavailable once the deadline passes", async () => {
    const before = t.graph.graphPolicy.deadlineMs;
    t.graph.graphPolicy.deadlineMs = 600;
    await t.emulator.control("/latency", { service: "graph", fixedMs: 1_500 });
    try {
      const started = Date.now();
      const error = await failure(t.graph.getMyPresence(megan));
      expect(error.code).toBe("upstream_unavailable");
      expect(Date.now() - started).toBeLessThan(1_400);
    } finally {
      t.graph.graphPolicy.deadlineMs = before;
    }
  });

  it("gives up with upstream_unavailable when 5xx persist", async () => {
    await t.fault({ path: "^/v1.0/me/presence$", status: 500 });
    expect((await failure(t.graph.getMyPresence(megan))).code).toBe("upstream_unavailable");
    expect(await route("GET /v1.0/me/presence")).toBe(t.graph.graphPolicy.maxAttempts);
  });
});

describe("$batch", () => {
  it("counts channels of every joined team in one envelope, retrying only the items throttled inside a 200", async () => {
    await t.emulator.control("/graph/throttling", {
      limits: { channels: { requests: 3, perSeconds: 1 } },
      perResource: null,
    });
    const teams = await t.graph.getJoinedTeams(megan);
    expect(teams.length).toBeGreaterThanOrEqual(8);
    expect(teams.every((team) => typeof team.channelCount === "number" && team.channelCount > 0)).toBe(true);
    expect(await route("GET /v1.0/me/joinedTeams")).toBe(1);
    const batches = await route("POST /v1.0/$batch");
    expect(batches).toBeGreaterThanOrEqual(2);
    expect(batches).toBeLessThanOrEqual(t.graph.graphPolicy.maxAttempts);
    // Counters are keyed by the concrete path: no team's channels were listed one by one.
    const byRoute = (await t.counters()).byRoute;
    expect(Object.keys(byRoute).filter((key) => /^GET \/v1\.0\/teams\/[^/]+\/channels$/.test(key))).toEqual([]);
  });

  it("keeps per-item statuses: 200, 403 and 404 are final, only 429 is retried", async () => {
    const teams = await t.graph.getJoinedTeams(megan);
    await t.emulator.control("/graph/throttling", {
      limits: { channels: { requests: 2, perSeconds: 1 } },
      perResource: null,
    });
    await t.clearCounters();
    const connection = await t.graph.graphConnectionFor(megan);
    const results = await t.graph.graphBatch(connection, [
      { id: "a", url: `/teams/${teams[0]!.id}/channels` },
      { id: "b", url: `/teams/${teams[1]!.id}/channels` },
      { id: "missing", url: "/teams/00000000-0000-0000-0000-000000000000/channels" },
      { id: "not-member", url: `/teams/${t.teamIdByName("Leadership")}/channels` },
      { id: "me", url: "/me" },
    ]);
    expect(results.get("not-member")?.status).toBe(403);
    expect(results.get("a")?.status).toBe(200);
    expect(results.get("b")?.status).toBe(200);
    expect(results.get("missing")?.status).toBe(404);
    expect(results.get("me")?.status).toBe(200);
    expect(await route("POST /v1.0/$batch")).toBeGreaterThanOrEqual(2);
  });
});

describe("error mapping", () => {
  it("a token Graph refuses (401) means needs_reconnect, stored on the mapping", async () => {
    const { userId, mapping } = await t.connect(MEGAN, { accessToken: "not-a-jwt" });
    const error = await failure(t.graph.getMyPresence(userId));
    expect(error.code).toBe("needs_reconnect");
    expect(await route("GET /v1.0/me/presence")).toBe(1);
    const row = await t.db.teamsConnection.findUniqueOrThrow({ where: { id: mapping.id } });
    expect(row).toMatchObject({ status: "needs_reconnect", lastErrorCode: "token_rejected" });
    // Next read stops at our database: no upstream call.
    expect((await failure(t.graph.getRecentChats(userId))).code).toBe("needs_reconnect");
    expect(await route("GET /v1.0/me/chats")).toBe(0);
  });

  it("a failed token refresh in Nango means needs_reconnect, without calling Graph", async () => {
    const { userId, mapping } = await t.connect(MEGAN, { expiresInSeconds: 60, refreshToken: "rt-unknown" });
    const error = await failure(t.graph.getMyPresence(userId));
    expect(error.code).toBe("needs_reconnect");
    expect((await t.counters()).total).toBe(0);
    const row = await t.db.teamsConnection.findUniqueOrThrow({ where: { id: mapping.id } });
    expect(row.status).toBe("needs_reconnect");
    expect(row.lastErrorCode).toBe("refresh_failed");
    expect(row.lastErrorMessage).toMatch(/refresh/i);
  });

  it("Nango's refresh back-off (424) is needs_reconnect too", async () => {
    const { userId, mapping } = await t.connect(MEGAN, { expiresInSeconds: 60, refreshToken: "rt-unknown-2" });
    await failure(t.graph.getMyPresence(userId));
    await t.db.teamsConnection.update({ where: { id: mapping.id }, data: { status: "connected" } });
    t.graph.invalidateUserCache(userId);
    expect((await failure(t.graph.getMyPresence(userId))).code).toBe("needs_reconnect");
  });

  it("a missing scope (403) is forbidden_scope and leaves the connection alone", async () => {
    const { userId, mapping } = await t.connect(MEGAN, { scopes: ["User.Read", "Chat.Read"] });
    expect((await failure(t.graph.getMyPresence(userId))).code).toBe("forbidden_scope");
    expect((await t.db.teamsConnection.findUniqueOrThrow({ where: { id: mapping.id } })).status).toBe("connected");
  });

  it("a team the user is not in is forbidden; a bad id never reaches Graph", async () => {
    expect((await failure(t.graph.getTeamWithChannels(megan, t.teamIdByName("Leadership")))).code).toBe("forbidden");
    // The team and its channels are read in parallel: wait until the channels call has reached Graph too.
    await expect.poll(() => route(`GET /v1.0/teams/${t.teamIdByName("Leadership")}/channels`)).toBe(1);
    const before = (await t.counters()).total;
    const error = await failure(t.graph.getTeamWithChannels(megan, "../me"));
    expect(error.code).toBe("invalid_input");
    expect((await t.counters()).total).toBe(before);
  });

  it("a user without a connection gets connection_not_found", async () => {
    const user = await t.db.user.create({ data: { email: `nobody-${Date.now()}@example.com`, name: "Nobody" } });
    expect((await failure(t.graph.getMyPresence(user.id))).code).toBe("connection_not_found");
  });
});

describe("pages of data", () => {
  it("reads a chat with members and sanitised messages, paged with a cursor", async () => {
    const [first] = await t.graph.getRecentChats(megan, 1);
    const { chat, members } = await t.graph.getChat(megan, first!.id);
    expect(chat.id).toBe(first!.id);
    expect(members.length).toBeGreaterThanOrEqual(2);
    const page = await t.graph.getChatMessages(megan, first!.id);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((m) => !/<script|<at /i.test(m.html))).toBe(true);
  });

  it("pages a chat's messages with a cursor, older messages on the next page", async () => {
    // The demo data gives chats 5–30 messages: some of Megan's recent chats have a second page.
    const chats = await t.graph.getRecentChats(megan, 8);
    const pages = await Promise.all(
      chats.map(async (chat) => ({ chat, page: await t.graph.getChatMessages(megan, chat.id) })),
    );
    const paged = pages.find(({ page }) => page.cursor);
    expect(paged, "one of Megan's recent chats has more than one page of messages").toBeDefined();
    const { chat, page } = paged!;
    const older = await t.graph.getChatMessages(megan, chat.id, page.cursor!);
    expect(older.items.length).toBeGreaterThan(0);
    expect(older.items[0]!.createdAt <= page.items.at(-1)!.createdAt).toBe(true);
    expect(new Set([...page.items, ...older.items].map((m) => m.id)).size).toBe(page.items.length + older.items.length);
  });

  it("reads a team's channels and a channel's messages", async () => {
    const teams = await t.graph.getJoinedTeams(megan);
    const { team, channels } = await t.graph.getTeamWithChannels(megan, teams[0]!.id);
    expect(team.name).toBe(teams[0]!.name);
    const page = await t.graph.getChannelMessages(megan, team.id, channels[0]!.id);
    expect(page.items.length).toBeGreaterThan(0);
  });
});
