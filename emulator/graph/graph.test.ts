import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A, DEMO_TENANTS } from "../data/demo-accounts";
import { datasetOf } from "../data/registry";
import { tokensFor } from "../microsoft/test-browser";
import { startTestEmulator, type TestEmulator } from "../testing";

let emu: TestEmulator;
let megan: string;
const ALL =
  "offline_access User.Read Team.ReadBasic.All Channel.ReadBasic.All ChannelMessage.Read.All Chat.Read Presence.Read";

beforeAll(async () => {
  emu = await startTestEmulator();
  // Graph's real per-resource limits (4 rps on one chat) would make the quick successive
  // calls of these tests flaky; throttling has its own test below, where it is switched on.
  await emu.control("/graph/throttling", { enabled: false });
  megan = (await tokensFor(emu, A.megan.email, ALL)).access_token;
});
afterAll(async () => {
  await emu?.close();
});

async function graph(path: string, token = megan, init: RequestInit = {}) {
  const url = path.startsWith("http") ? path : `${emu.origins.graph}/v1.0${path}`;
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe("Graph: authentication and scopes", () => {
  it("401 InvalidAuthenticationToken without or with a forged token", async () => {
    const none = await fetch(`${emu.origins.graph}/v1.0/me`);
    expect(none.status).toBe(401);
    const body = (await none.json()) as any;
    expect(body.error.code).toBe("InvalidAuthenticationToken");
    expect(body.error.innerError["request-id"]).toBe(none.headers.get("request-id"));
    const [h, p] = megan.split(".");
    const forged = await graph("/me", `${h}.${p}.${Buffer.from("nope").toString("base64url")}`);
    expect(forged.status).toBe(401);
  });

  it("403 with Graph's message when a scope is missing", async () => {
    const token = (await tokensFor(emu, A.alex.email, "User.Read")).access_token;
    expect((await graph("/me", token)).status).toBe(200);
    const chats = await graph("/me/chats", token);
    expect(chats.status).toBe(403);
    expect(chats.body.error.code).toBe("Forbidden");
    expect(chats.body.error.message).toBe(
      // Contoso's tenant-wide grant (ChannelMessage.Read.All) is in every Contoso token.
      "Missing scope permissions on the request. API requires one of 'Chat.ReadBasic, Chat.Read, Chat.ReadWrite'. Scopes on the request 'User.Read, ChannelMessage.Read.All'",
    );
  });
});

describe("Graph: Teams data", () => {
  it("/me and joined teams (one archived, Leadership not joined)", async () => {
    expect((await graph("/me")).body).toMatchObject({ mail: A.megan.email, displayName: A.megan.name });
    const teams = await graph("/me/joinedTeams");
    expect(teams.body.value.length).toBeGreaterThanOrEqual(8);
    expect(teams.body.value.some((t: any) => t.isArchived)).toBe(true);
    expect(teams.body.value.map((t: any) => t.displayName)).not.toContain("Leadership");
  });

  it("membership: unknown team 404, a team of others 403, private channels hidden", async () => {
    expect((await graph("/teams/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const all = await graph("/me/joinedTeams");
    const mark8 = all.body.value.find((t: any) => t.displayName === "Mark 8 Project Team");
    const channels = await graph(`/teams/${mark8.id}/channels`);
    expect(channels.status).toBe(200);
    expect(channels.body.value.map((c: any) => c.displayName)).not.toContain("Confidential");
    const general = channels.body.value.find((c: any) => c.displayName === "General");
    const messages = await graph(`/teams/${mark8.id}/channels/${encodeURIComponent(general.id)}/messages?$top=50`);
    expect(messages.status).toBe(200);
    const withReplies = messages.body.value.find((m: any) => m.replyToId === null);
    expect(withReplies.body.contentType).toBe("html");
    const replies = await graph(
      `/teams/${mark8.id}/channels/${encodeURIComponent(general.id)}/messages/${withReplies.id}/replies`,
    );
    expect(replies.status).toBe(200);
  });

  it("a team Megan is not in is 403", async () => {
    const nestor = (await tokensFor(emu, A.nestor.email, ALL)).access_token;
    const leadership = (await graph("/me/joinedTeams", nestor)).body.value.find(
      (t: any) => t.displayName === "Leadership",
    );
    expect(leadership).toBeDefined();
    expect((await graph(`/teams/${leadership.id}`)).status).toBe(403);
  });
});

describe("Graph: chats and paging", () => {
  it("pages through all of Megan's ≥120 chats via @odata.nextLink, newest first", async () => {
    let url: string | undefined =
      `/me/chats?$expand=members,lastMessagePreview&$top=50&$orderby=lastMessagePreview/createdDateTime desc`;
    const chats: any[] = [];
    const nextLinks: string[] = [];
    let pages = 0;
    while (url) {
      const page = await graph(url);
      expect(page.status).toBe(200);
      chats.push(...page.body.value);
      url = page.body["@odata.nextLink"];
      if (url) nextLinks.push(url);
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(nextLinks).toHaveLength(pages - 1);
    expect(nextLinks.filter((link) => !link.startsWith(`${emu.origins.graph}/v1.0/me/chats?`))).toEqual([]);
    expect(chats.length).toBeGreaterThanOrEqual(120);
    expect(new Set(chats.map((c) => c.id)).size).toBe(chats.length);
    const times = chats.map((c) => c.lastMessagePreview.createdDateTime);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(chats.map((c) => c.chatType))).toEqual(new Set(["oneOnOne", "group", "meeting"]));
    expect(chats.every((c) => c.members.some((m: any) => m.email === A.megan.email))).toBe(true);
  });

  it("a fault can name the query too: only the later pages fail", async () => {
    await emu.control("/faults", { service: "graph", path: "^/v1\\.0/me/chats$", query: "\\$skiptoken=", status: 503 });
    try {
      const first = await graph("/me/chats?$top=10");
      expect(first.status).toBe(200);
      expect((await graph(first.body["@odata.nextLink"])).status).toBe(503);
    } finally {
      await fetch(`${emu.origins.nango}/_emulator/faults`, { method: "DELETE" });
    }
    await expect(emu.control("/faults", { path: "^/x$", query: "(" })).rejects.toThrow(/400/);
  });

  it("$top above 50 and tampered skiptokens are 400", async () => {
    const big = await graph("/me/chats?$top=51");
    expect(big.status).toBe(400);
    expect(big.body.error.code).toBe("BadRequest");
    const first = await graph("/me/chats?$top=10");
    const next = new URL(first.body["@odata.nextLink"]);
    const token = next.searchParams.get("$skiptoken")!;
    const [payload, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ o: 100, p: "/v1.0/me/chats" })).toString("base64url");
    next.searchParams.set("$skiptoken", `${forged}.${mac}`);
    expect((await graph(next.toString())).status).toBe(400);
    next.searchParams.set("$skiptoken", `${payload}.${mac}x`);
    expect((await graph(next.toString())).status).toBe(400);
  });

  it("chat messages: newest first, html bodies, mentions; other people's chats are 403", async () => {
    const chats = (await graph("/me/chats?$top=50")).body.value;
    let mention: any;
    for (const chat of chats.slice(0, 20)) {
      const messages = await graph(`/chats/${encodeURIComponent(chat.id)}/messages?$top=50`);
      expect(messages.status).toBe(200);
      const times = messages.body.value.map((m: any) => m.createdDateTime);
      expect([...times].sort().reverse()).toEqual(times);
      mention ??= messages.body.value.find((m: any) => m.mentions.length > 0);
    }
    expect(mention.body.content).toMatch(/<at id="0">[^<]+<\/at>/);
    expect(mention.mentions[0]).toMatchObject({ id: 0, mentioned: { user: { userIdentityType: "aadUser" } } });
    expect((await graph(`/chats/${encodeURIComponent(chats[0].id)}/messages?$top=51`)).status).toBe(400);
    expect((await graph(`/chats/19:unknown@thread.v2/messages`)).status).toBe(404);
    const dataset = datasetOf(emu.context).current;
    const meganId = dataset.usersByEmail.get(A.megan.email)!.id;
    const foreign = [...dataset.chats.values()].find(
      (chat) => !chat.memberIds.includes(meganId) && chat.tenantId === DEMO_TENANTS.contoso.id,
    )!;
    expect((await graph(`/chats/${encodeURIComponent(foreign.id)}`)).status).toBe(403);
    expect((await graph(`/chats/${encodeURIComponent(foreign.id)}/messages`)).status).toBe(403);
  });

  it("presence for me and by user ids", async () => {
    const me = await graph("/me/presence");
    expect(me.body).toMatchObject({
      id: expect.any(String),
      availability: expect.any(String),
      activity: expect.any(String),
    });
    const others = await graph("/communications/getPresencesByUserId", megan, {
      method: "POST",
      body: JSON.stringify({ ids: [me.body.id] }),
    });
    expect(others.status).toBe(403); // needs Presence.Read.All
  });
});

describe("Graph: $batch", () => {
  it("returns per-item statuses inside a 200 envelope", async () => {
    const response = await graph("/$batch", megan, {
      method: "POST",
      body: JSON.stringify({
        requests: [
          { id: "1", method: "GET", url: "/me" },
          { id: "2", method: "GET", url: "/teams/00000000-0000-4000-8000-000000000000" },
          { id: "3", method: "GET", url: "/me/chats?$top=99" },
          { id: "4", method: "GET", url: "me/presence" },
          { id: "5", method: "GET", url: "/users/x/presence" },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.responses.map((r: any) => [r.id, r]));
    expect(byId["1"].status).toBe(200);
    expect(byId["1"].body.mail).toBe(A.megan.email);
    expect(byId["2"].status).toBe(404);
    expect(byId["3"].status).toBe(400);
    expect(byId["4"].status).toBe(200);
    expect(byId["5"].status).toBe(403);
  });

  it("more than 20 requests is a 400", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/me" }));
    const response = await graph("/$batch", megan, { method: "POST", body: JSON.stringify({ requests }) });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("BadRequest");
  });
});

describe("Graph: throttling", () => {
  it("429 with Retry-After, without it when switched off, and inside $batch", async () => {
    await emu.control("/graph/throttling", {
      enabled: true,
      reset: true,
      limits: { teams: { requests: 1, perSeconds: 60 } },
    });
    expect((await graph("/me/joinedTeams")).status).toBe(200);
    const limited = await graph("/me/joinedTeams");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("TooManyRequests");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    await emu.control("/graph/throttling", { retryAfter: false });
    await graph("/me/joinedTeams");
    const bare = await graph("/me/joinedTeams");
    expect(bare.status).toBe(429);
    expect(bare.headers.get("retry-after")).toBeNull();

    await emu.control("/graph/throttling", { retryAfter: true });
    const batch = await graph("/$batch", megan, {
      method: "POST",
      body: JSON.stringify({
        requests: [
          { id: "a", method: "GET", url: "/me" },
          { id: "b", method: "GET", url: "/me/joinedTeams" },
          { id: "c", method: "GET", url: "/me/joinedTeams" },
        ],
      }),
    });
    expect(batch.status).toBe(200);
    const throttled = batch.body.responses.filter((r: any) => r.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(throttled[0].headers["Retry-After"]).toMatch(/^\d+$/);

    const report = (await emu.control("/graph/throttling")) as any;
    expect(report.throttled.byClass.teams).toBeGreaterThanOrEqual(3);
    await emu.control("/graph/throttling", { reset: true });
    expect((await graph("/me/joinedTeams")).status).toBe(200);
    await emu.control("/graph/throttling", { enabled: false });
  });
});

describe("Graph: datasets", () => {
  it("switches to a large generated dataset and back on reset", async () => {
    const selected = (await emu.control("/graph/dataset", { name: "large", chats: 600 })) as any;
    expect(selected.tenants[0].chats).toBeGreaterThanOrEqual(600);
    let url: string | undefined = "/me/chats?$top=50";
    let count = 0;
    while (url) {
      const page = await graph(url);
      expect(page.status).toBe(200);
      count += page.body.value.length;
      url = page.body["@odata.nextLink"];
    }
    expect(count).toBe(600);
    await emu.control("/reset", {});
    expect(((await emu.control("/graph/dataset")) as any).selection.name).toBe("demo");
  });
});
