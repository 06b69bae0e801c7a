/**
 * Graph's endpoints are public (Microsoft calls them): every item must prove itself with
 * its subscription's clientState. Forged, unknown, out-of-place and replayed
 * notifications, oversize and malformed bodies: no Graph read, no row written (counted
 * on PostgreSQL), no change on the open page, no crash. Validation tokens come back as
 * plain text only, markup and all.
 */
import pg from "pg";
import { DEMO_MICROSOFT_ACCOUNTS } from "../../emulator/data/demo-accounts";
import { DEMO_MEGAN } from "../../lib/demo-accounts";
import { expect, test } from "../support/fixtures";
import { expectLive, postAs, subscriptionFor } from "../support/live";
import { emulator } from "../support/stack";
import { connected, env, graphCallsSince, rawRequest, signedIn } from "./support";

const ENDPOINTS = ["/api/graph/notifications", "/api/graph/lifecycle"] as const;

async function liveRowCounts(): Promise<Record<string, number> | null> {
  if (!/^postgres(ql)?:/.test(env.DATABASE_URL ?? "")) return null;
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of ["GraphNotification", "GraphSubscription"]) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
      counts[table] = rows[0]!.n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

test("the validation handshake is answered with the token as plain text, never HTML, on both endpoints", async () => {
  const token = `<script>alert(1)</script><img src=x onerror=alert(2)> & "q" +plus 100%`;
  for (const path of ENDPOINTS) {
    const answer = await rawRequest(`${path}?validationToken=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: "",
    });
    expect(answer.status, path).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.body).toBe(token);
    // An empty or absurd token is refused, not echoed.
    expect((await rawRequest(`${path}?validationToken=`, { method: "POST" })).status).toBe(400);
    const huge = encodeURIComponent("a".repeat(5_000));
    expect((await rawRequest(`${path}?validationToken=${huge}`, { method: "POST" })).status).toBe(400);
  }
});

test("forged, unknown, out-of-place, replayed, oversize and malformed notifications fetch and write nothing", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, DEMO_MEGAN);
  await connected(page, DEMO_MICROSOFT_ACCOUNTS.megan);
  const { imageSeeds } = await emulator<{
    imageSeeds: { chat: { chatId: string; otherMemberEmail: string }; channel: { teamId: string } };
  }>("/graph/dataset");
  const { chatId, otherMemberEmail } = imageSeeds.chat;
  await page.goto(`/chats/${encodeURIComponent(chatId)}`);
  await expectLive(page);
  const subscription = await subscriptionFor(`/chats/${chatId}/messages`);
  expect(subscription.clientState).toBeTruthy();

  // One real delivery first: the message arrives, and its notification is the one replayed below.
  const real = `Real ${crypto.randomUUID().slice(0, 8)}`;
  const posted = await postAs({ chatId }, otherMemberEmail, real);
  const messages = page.getByRole("list", { name: "Chat messages" }).getByRole("article");
  await expect(messages.getByText(real)).toBeVisible();
  const shown = await messages.count();

  // Graph's own deliveries (lifecycle events of any subscription: e2e subscriptions renew
  // often) are held while the hostile requests are counted, and those already on their
  // way have arrived before the count starts, so no row counted is theirs.
  await emulator("/graph/subscriptions/settings", { deliveries: "paused" });
  try {
    await emulator("/graph/subscriptions/deliveries/flush", {});
    await hostileRequestsChangeNothing();
  } finally {
    await emulator("/graph/subscriptions/settings", { deliveries: "on" });
  }

  async function hostileRequestsChangeNothing() {
    const since = Date.now();
    const rowsBefore = await liveRowCounts();
    const item = (overrides: Record<string, unknown>) => ({
      subscriptionId: subscription.id,
      clientState: subscription.clientState,
      changeType: "created",
      resource: `chats('${chatId}')/messages('${posted.id}')`,
      resourceData: { id: posted.id, "@odata.type": "#Microsoft.Graph.chatMessage" },
      subscriptionExpirationDateTime: subscription.expirationDateTime,
      tenantId: "6e1b8a3c-2f4d-4b7e-9c1a-0d5f3e2a7b64",
      ...overrides,
    });
    const accepted = [
      // Forged: the right subscription, a guessed clientState.
      { value: [item({ clientState: "guessed-client-state" })] },
      { value: [item({ clientState: null })] },
      // Unknown subscription.
      { value: [item({ subscriptionId: crypto.randomUUID() })] },
      // The right secret, a resource outside the subscribed chat.
      { value: [item({ resource: `chats('19:other@thread.v2')/messages('${posted.id}')` })] },
      { value: [item({ resource: `teams('${imageSeeds.channel.teamId}')/channels('x')/messages('1')` })] },
      { value: [item({ resource: "users('../../admin')" })] },
      // Replayed: exactly what Graph delivered already.
      { value: [item({})] },
    ];
    for (const body of accepted) {
      const answer = await rawRequest("/api/graph/notifications", json(body));
      expect(answer.status, JSON.stringify(body).slice(0, 120)).toBe(202);
    }
    // A forged lifecycle event would make the app recreate or catch up: ignored too.
    for (const lifecycleEvent of ["subscriptionRemoved", "missed", "reauthorizationRequired"]) {
      const body = { value: [{ ...item({ clientState: "guessed" }), lifecycleEvent }] };
      expect((await rawRequest("/api/graph/lifecycle", json(body))).status).toBe(202);
    }

    const refused: Array<[string, ReturnType<typeof json>, number]> = [
      ["not JSON", json("{not json"), 400],
      ["not a notification", json({ value: "x" }), 400],
      ["an item without a subscription", json({ value: [{ changeType: "created" }] }), 400],
      ["too many items", json({ value: Array.from({ length: 1_001 }, () => item({})) }), 400],
      ["over 1 MB", json({ value: [item({ resource: "a".repeat(1024 * 1024) })] }), 413],
    ];
    for (const [what, request, status] of refused) {
      for (const path of ENDPOINTS) expect((await rawRequest(path, request)).status, `${what} at ${path}`).toBe(status);
    }

    // Give anything that was (wrongly) accepted the time to be processed, then look.
    await page.waitForTimeout(1_500);
    const reads = (await graphCallsSince(since)).filter(
      (call) => call.method === "GET" && /\/messages\/[^/]+$/.test(call.path),
    );
    expect(reads, "Graph reads caused by the hostile notifications").toEqual([]);
    const creations = (await graphCallsSince(since)).filter(
      (call) => call.method === "POST" && call.path === "/v1.0/subscriptions",
    );
    expect(creations, "subscriptions recreated after forged lifecycle events").toEqual([]);
    if (rowsBefore) expect(await liveRowCounts()).toEqual(rowsBefore);
    await expect(messages).toHaveCount(shown);
  }
  // Still healthy: the app answers and the chat still goes live.
  const after = `After ${crypto.randomUUID().slice(0, 8)}`;
  await postAs({ chatId }, otherMemberEmail, after);
  await expect(messages.getByText(after)).toBeVisible();
  await page.context().close();
});
