// Contract tests: the real @nangohq/node SDK against the emulated Nango API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiError, KEY, setup } from "./test/fixture";

let t: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  t = await setup();
});
afterAll(async () => t.close());

describe("connect sessions", () => {
  it("creates a session with a 30-minute token and a connect link", async () => {
    const before = Date.now();
    const { data } = await t.nango.createConnectSession({
      end_user: { id: "u1", email: "ada@example.com", display_name: "Ada" },
      organization: { id: "o1", display_name: "Org" },
      allowed_integrations: [KEY],
    });
    expect(data.token).toMatch(/^nango_connect_session_[a-f0-9]{64}$/);
    expect(data.connect_link).toBe(`${t.emulator.origins.connectUi}/?session_token=${data.token}`);
    const ttl = Date.parse(data.expires_at) - before;
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 1000);
  });

  it("rejects unknown keys and unknown integrations like Nango (400 invalid_body)", async () => {
    const unknownKey = await apiError(t.nango.createConnectSession({ end_user: { id: "u1" }, colour: "red" } as never));
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.code).toBe("invalid_body");
    expect(unknownKey.body.error.errors).toEqual([expect.objectContaining({ code: "unrecognized_keys", path: [] })]);

    const unknownIntegration = await apiError(
      t.nango.createConnectSession({ end_user: { id: "u1" }, allowed_integrations: ["slack"] }),
    );
    expect(unknownIntegration.status).toBe(400);
    expect(unknownIntegration.body.error).toEqual({
      code: "invalid_body",
      errors: [{ code: "custom", message: "Integration does not exist", path: ["allowed_integrations", "0"] }],
    });

    const badEmail = await apiError(t.nango.createConnectSession({ end_user: { id: "u1", email: "nope" } }));
    expect(badEmail.body.error.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "invalid_format", path: ["end_user", "email"] })]),
    );
  });

  it("creates a reconnect session only for an existing connection of that integration", async () => {
    const connectionId = await t.seed({ endUser: { id: "u-re" } });
    const { data } = await t.nango.createReconnectSession({ connection_id: connectionId, integration_id: KEY });
    expect(data.token).toMatch(/^nango_connect_session_/);
    const session = await fetch(`${t.emulator.origins.nango}/connect/session`, {
      headers: { authorization: `Bearer ${data.token}` },
    });
    expect(
      ((await session.json()) as { data: { isReconnecting?: boolean; endUser: { id: string } } }).data,
    ).toMatchObject({
      isReconnecting: true,
      allowed_integrations: [KEY],
      endUser: { id: "u-re" },
    });

    const missing = await apiError(t.nango.createReconnectSession({ connection_id: "nope", integration_id: KEY }));
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual({
      code: "invalid_body",
      message: "ConnectionID or IntegrationId does not exists",
    });
  });
});

describe("connections", () => {
  it("getConnection hides refresh tokens unless asked", async () => {
    const connectionId = await t.seed({
      endUser: { id: "u-get", email: "g@example.com" },
      tenantId: "tid-1",
      refreshToken: "rt-secret",
    });
    const plain = await t.nango.getConnection(KEY, connectionId);
    expect(plain).toMatchObject({
      connection_id: connectionId,
      provider_config_key: KEY,
      provider: "microsoft-teams",
      connection_config: { tenantId: "tid-1" },
    });
    expect(JSON.stringify(plain)).not.toMatch(/refresh.?token/i);
    expect(plain.created_at).toMatch(/\+00:00$/);
    expect((plain.credentials as { type: string }).type).toBe("OAUTH2");

    const withToken = await t.nango.getConnection(KEY, connectionId, false, true);
    expect((withToken.credentials as { refresh_token?: string }).refresh_token).toBe("rt-secret");
    expect((withToken.credentials as { raw: Record<string, unknown> }).raw.refresh_token).toBe("rt-secret");
  });

  it("listConnections filters the way the SDK asks, newest first", async () => {
    const a = await t.seed({
      endUser: { id: "list-a", email: "alpha@list.test", displayName: "Alpha", organization: { id: "org-1" } },
      tags: { team: "red" },
    });
    const b = await t.seed({
      endUser: { id: "list-b", email: "beta@list.test", displayName: "Beta", organization: { id: "org-1" } },
      tags: { team: "blue" },
    });
    const c = await t.seed({
      endUser: { id: "list-c", email: "gamma@list.test", displayName: "Gamma", organization: { id: "org-2" } },
    });

    const all = await t.nango.listConnections();
    const ids = all.connections.map((conn) => conn.connection_id);
    expect(ids.indexOf(c)).toBeLessThan(ids.indexOf(b));
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
    expect(all.connections[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        provider: "microsoft-teams",
        errors: [],
        metadata: null,
        created: expect.stringMatching(/\+00:00$/),
      }),
    );

    const only = (r: { connections: Array<{ connection_id: string }> }) =>
      r.connections.map((conn) => conn.connection_id).sort();
    expect(only(await t.nango.listConnections({ userId: "list-b" }))).toEqual([b]);
    expect(only(await t.nango.listConnections({ connectionId: a }))).toEqual([a]);
    expect(only(await t.nango.listConnections({ tags: { team: "red" } }))).toEqual([a]);
    expect(only(await t.nango.listConnections({ tags: { email: "gamma@list.test" } }))).toEqual([c]);
    expect(only(await t.nango.listConnections({ integrationId: [KEY, "other"], userId: "list-c" }))).toEqual([c]);
    expect(only(await t.nango.listConnections(undefined, "LIST.TEST"))).toEqual([a, b, c].sort());
    expect(only(await t.nango.listConnections(undefined, undefined, { endUserOrganizationId: "org-1" }))).toEqual(
      [a, b].sort(),
    );
    expect((await t.nango.listConnections({ integrationId: "other" })).connections).toEqual([]);
  });

  it("deleteConnection removes it; deleting again is 400 unknown_connection", async () => {
    const connectionId = await t.seed();
    const res = await t.nango.deleteConnection(KEY, connectionId);
    expect(res.data).toEqual({ success: true });
    const again = await apiError(t.nango.deleteConnection(KEY, connectionId));
    expect(again).toEqual({ status: 400, body: { error: { code: "unknown_connection" } } });
  });

  it("integrations are listed and described", async () => {
    const list = await t.nango.listIntegrations();
    expect(list.configs).toEqual([
      expect.objectContaining({ unique_key: KEY, provider: "microsoft-teams", display_name: "Microsoft Teams" }),
    ]);
    const one = await t.nango.getIntegration({ uniqueKey: KEY }, { include: ["credentials"] });
    expect(one.data).toMatchObject({ unique_key: KEY, credentials: { type: "OAUTH2", client_id: expect.any(String) } });
  });
});
