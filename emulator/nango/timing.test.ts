// Nango's real timing and bookkeeping, with the real @nangohq/node: the asynchronous
// post-connection hook, connection_config replaced on reconnect, unordered webhooks with a
// forced order, the per-environment webhook flags, Nango's own 429, and what a connection
// looks like after its refresh failed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../data/demo-accounts";
import { apiError, KEY, setup } from "./test/fixture";
import { connectViaPopup } from "./test/oauth-flow";
import type { Delivery } from "./webhooks";

let t: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  t = await setup();
});
afterAll(async () => t.close());
beforeEach(async () => {
  t.receiver.respondWith(() => ({ status: 200 }));
  await t.emulator.control("/nango/webhooks/resume", {});
  await t.emulator.control("/nango/webhook-settings", { onAuthCreation: true, onAuthRefreshError: true });
  await t.emulator.control("/nango/post-connection", { delayMs: 250 });
});

const flush = async () =>
  ((await t.emulator.control("/nango/webhooks/flush", {})) as { deliveries: Delivery[] }).deliveries;
const bodies = (connectionId: string) =>
  t.receiver.received
    .map((r) => JSON.parse(r.body) as { connectionId: string; operation: string; success: boolean })
    .filter((b) => b.connectionId === connectionId);
const session = async (id: string) => (await t.nango.createConnectSession({ end_user: { id } })).data.token;

describe("post-connection hook", () => {
  it("runs after the WebSocket success (default 250 ms): tenantId is absent at connect time, then written, then the webhook", async () => {
    expect(await t.emulator.control("/nango/post-connection")).toEqual({ delayMs: 250 });
    const flow = await connectViaPopup(t.emulator, await session("u-hook"), A.megan.email);
    expect(flow.message).toMatchObject({ message_type: "success", provider_config_key: KEY });
    expect(flow.status).toBe(200);
    expect((flow.atSuccess!.connection_config as Record<string, unknown>).tenantId).toBeUndefined();
    expect(bodies(flow.connectionId)).toEqual([]);
    await flush();
    const connection = await t.nango.getConnection(KEY, flow.connectionId);
    expect(connection.connection_config.tenantId).toBe(A.megan.tenantId);
    expect(bodies(flow.connectionId).map((b) => b.operation)).toEqual(["creation"]);
  });

  it("a reconnect replaces connection_config: tenantId is gone until the hook runs again", async () => {
    await t.emulator.control("/nango/post-connection", { delayMs: 0 });
    const first = await connectViaPopup(t.emulator, await session("u-re"), A.alex.email);
    await flush();
    expect((await t.nango.getConnection(KEY, first.connectionId)).connection_config).toEqual({
      tenantId: A.alex.tenantId,
    });

    await t.emulator.control("/nango/post-connection", { delayMs: 1500 });
    const { data } = await t.nango.createReconnectSession({ connection_id: first.connectionId, integration_id: KEY });
    const again = await connectViaPopup(t.emulator, data.token, A.alex.email);
    expect(again.connectionId).toBe(first.connectionId);
    expect(again.atSuccess!.connection_config).toEqual({});
    expect((await t.nango.getConnection(KEY, first.connectionId)).connection_config).toEqual({});
    await flush();
    expect((await t.nango.getConnection(KEY, first.connectionId)).connection_config).toEqual({
      tenantId: A.alex.tenantId,
    });
  });
});

describe("a personal Microsoft account", () => {
  it("connects, but the hook finds no tid in the opaque token: no tenantId; /organization is empty through the proxy", async () => {
    await t.emulator.control("/nango/post-connection", { delayMs: 0 });
    const flow = await connectViaPopup(t.emulator, await session("u-personal"), A.pat.email);
    expect(flow.message).toMatchObject({ message_type: "success" });
    await flush();
    const connection = await t.nango.getConnection(KEY, flow.connectionId);
    expect(connection.connection_config).toEqual({});
    expect(bodies(flow.connectionId).map((b) => b.operation)).toEqual(["creation"]);
    const org = await t.nango.get<{ value: unknown[] }>({
      endpoint: "/v1.0/organization",
      connectionId: flow.connectionId,
      providerConfigKey: KEY,
    });
    expect(org.data.value).toEqual([]);
    const teams = await apiError(
      t.nango.get({ endpoint: "/v1.0/me/joinedTeams", connectionId: flow.connectionId, providerConfigKey: KEY }),
    );
    expect(teams.status).toBe(403);
  });
});

describe("webhooks", () => {
  it("are independent: a retried refresh failure arrives after a later override", async () => {
    await t.emulator.control("/nango/settings", { webhookRetryBaseMs: 1000 });
    await t.emulator.control("/nango/post-connection", { delayMs: 0 });
    let refreshAttempts = 0;
    t.receiver.respondWith((r) =>
      r.body.includes('"operation":"refresh"') && ++refreshAttempts === 1 ? { status: 503 } : { status: 200 },
    );
    try {
      const flow = await connectViaPopup(t.emulator, await session("u-order"), A.megan.email);
      await flush();
      await t.emulator.control(`/nango/connections/${flow.connectionId}/expire`, {});
      await t.emulator.control("/microsoft/grants/revoke", { email: A.megan.email });
      // The refresh fails: a `refresh` webhook, answered 503, retried 1 s later...
      await apiError(t.nango.getConnection(KEY, flow.connectionId));
      // ...while the user reconnects at once: the `override` goes out in between.
      const { data } = await t.nango.createReconnectSession({ connection_id: flow.connectionId, integration_id: KEY });
      await connectViaPopup(t.emulator, data.token, A.megan.email);
      await flush();
      expect(bodies(flow.connectionId).map((b) => b.operation)).toEqual(["creation", "refresh", "override", "refresh"]);
    } finally {
      await t.emulator.control("/nango/settings", { webhookRetryBaseMs: 20 });
    }
  });

  it("pause holds deliveries; release delivers the chosen ids in the given order; resume sends the rest", async () => {
    await t.emulator.control("/nango/webhooks/pause", {});
    const a = await t.seed({ webhook: true });
    const b = await t.seed({ webhook: true });
    const c = await t.seed({ webhook: true });
    const listed = ((await t.emulator.control("/nango/webhooks")) as { deliveries: Delivery[] }).deliveries;
    const idOf = (connectionId: string) => listed.find((d) => d.key === connectionId)!.id;
    expect(listed.find((d) => d.key === a)!.state).toBe("held");
    const start = t.receiver.received.length;
    const released = (await t.emulator.control("/nango/webhooks/release", { ids: [idOf(c), idOf(a)] })) as {
      deliveries: Delivery[];
    };
    expect(released.deliveries.map((d) => d.state)).toEqual(["delivered", "delivered"]);
    const order = t.receiver.received
      .slice(start)
      .map((r) => (JSON.parse(r.body) as { connectionId: string }).connectionId);
    expect(order).toEqual([c, a]);
    expect(
      ((await t.emulator.control("/nango/webhooks")) as { deliveries: Delivery[] }).deliveries.find((d) => d.key === b)!
        .state,
    ).toBe("held");
    await t.emulator.control("/nango/webhooks/resume", {});
    await flush();
    expect(bodies(b)).toHaveLength(1);
  });

  it("creation and refresh-failure webhooks follow the environment flags; override is always sent", async () => {
    expect(await t.emulator.control("/nango/webhook-settings")).toEqual({
      onAuthCreation: true,
      onAuthRefreshError: true,
    });
    expect(
      await t.emulator.control("/nango/webhook-settings", { onAuthCreation: false, onAuthRefreshError: false }),
    ).toEqual({
      onAuthCreation: false,
      onAuthRefreshError: false,
    });
    await t.emulator.control("/nango/post-connection", { delayMs: 0 });
    const flow = await connectViaPopup(t.emulator, await session("u-flags"), A.adele.email);
    await flush();
    expect(bodies(flow.connectionId)).toEqual([]);
    const { data } = await t.nango.createReconnectSession({ connection_id: flow.connectionId, integration_id: KEY });
    await connectViaPopup(t.emulator, data.token, A.adele.email);
    await flush();
    expect(bodies(flow.connectionId).map((b) => b.operation)).toEqual(["override"]);
    const broken = await t.seed({ refreshToken: "unknown", expiresInSeconds: 0 });
    await apiError(t.nango.getConnection(KEY, broken));
    await flush();
    expect(bodies(broken)).toEqual([]);
  });
});

describe("Nango's own rate limit", () => {
  it("answers 429 too_many_request with Retry-After for the next N API calls, proxy and connections included", async () => {
    const id = await t.seed({});
    await t.emulator.control("/nango/rate-limit", { requests: 2, retryAfter: 7 });
    const res = await fetch(`${t.emulator.origins.nango}/proxy/v1.0/me`, {
      headers: {
        authorization: "Bearer emulator-secret-key-0000000000000000",
        "connection-id": id,
        "provider-config-key": KEY,
      },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toEqual({ error: { code: "too_many_request", method: "GET", path: "/proxy/v1.0/me" } });
    const sdk = await apiError(t.nango.listConnections());
    expect(sdk.status).toBe(429);
    expect(sdk.body.error.code).toBe("too_many_request");
    expect((await t.nango.listConnections()).connections.length).toBeGreaterThan(0);
  });
});

describe("after a refresh failure", () => {
  it("GET /connections/:id is 400 invalid_credentials with errors [{type:auth}] and credentials {}; the webhook is generic", async () => {
    const id = await t.seed({ refreshToken: "revoked", expiresInSeconds: 0 });
    const failure = await apiError(t.nango.getConnection(KEY, id));
    expect(failure.status).toBe(400);
    const error = failure.body.error as {
      code: string;
      message: string;
      payload: { connection: { errors: unknown[]; credentials: unknown } };
    };
    expect(error.code).toBe("invalid_credentials");
    expect(error.message).toBe(
      "The external API returned an error when trying to refresh the access token. Please try again later.",
    );
    expect(error.payload.connection.errors).toEqual([{ type: "auth", log_id: expect.any(String) }]);
    expect(error.payload.connection.credentials).toEqual({});
    await flush();
    const hook = bodies(id).find((b) => b.operation === "refresh") as unknown as {
      success: boolean;
      error: { type: string; description: string };
    };
    expect(hook.success).toBe(false);
    expect(hook.error).toEqual({ type: "refresh_token_external_error", description: error.message });
    expect(JSON.stringify(hook)).not.toMatch(/AADSTS/);
    const listed = (await t.nango.listConnections({ connectionId: id })).connections[0]!;
    expect(listed.errors).toEqual([{ type: "auth", log_id: expect.any(String) }]);
    // Within 30 s: Nango backs off without calling Microsoft again.
    expect((await apiError(t.nango.getConnection(KEY, id))).status).toBe(424);
  });

  it("aged to the refresh limit: the proxy answers 424 and a successful reconnect clears the errors", async () => {
    await t.emulator.control("/nango/post-connection", { delayMs: 0 });
    const flow = await connectViaPopup(t.emulator, await session("u-exhaust"), A.lee.email);
    await flush();
    await t.emulator.control(`/nango/connections/${flow.connectionId}/refresh-exhausted`, {});
    const proxied = await apiError(
      t.nango.get({ endpoint: "/v1.0/me", connectionId: flow.connectionId, providerConfigKey: KEY }),
    );
    expect(proxied.status).toBe(424);
    expect(proxied.body.error).toEqual({
      code: "server_error",
      message: "Failed to get connection credentials: 'The refresh limit has been reached for this connection.'",
    });
    const got = await apiError(t.nango.getConnection(KEY, flow.connectionId));
    expect(got.status).toBe(424);
    expect(got.body.error.code).toBe("invalid_credentials");

    const { data } = await t.nango.createReconnectSession({ connection_id: flow.connectionId, integration_id: KEY });
    await connectViaPopup(t.emulator, data.token, A.lee.email);
    const healed = await t.nango.getConnection(KEY, flow.connectionId);
    expect(healed.errors).toEqual([]);
    expect(
      (await t.nango.get({ endpoint: "/v1.0/me", connectionId: flow.connectionId, providerConfigKey: KEY })).status,
    ).toBe(200);
  });
});
