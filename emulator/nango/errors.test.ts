// Every error the app can hit, with the real server's status and code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiError, KEY, SECRET_KEY, setup } from "./test/fixture";

let t: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  t = await setup();
});
afterAll(async () => t.close());

async function call(path: string, init: RequestInit & { auth?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.auth !== null) headers.set("authorization", init.auth ?? `Bearer ${SECRET_KEY}`);
  const res = await fetch(`${t.emulator.origins.nango}${path}`, { ...init, headers });
  return { status: res.status, body: (await res.json()) as { error: { code: string; message?: string } } };
}

describe("auth errors (401)", () => {
  it("missing header", async () => {
    expect(await call("/connections", { auth: null })).toMatchObject({
      status: 401,
      body: { error: { code: "missing_auth_header" } },
    });
  });
  it("a secret key that is not the account's", async () => {
    expect((await call("/connections", { auth: "Bearer not-a-uuid" })).body.error.code).toBe(
      "invalid_secret_key_format",
    );
    expect((await call("/connections", { auth: "Bearer 2b8a2f0e-7c1d-4e3f-9a5b-6c7d8e9f0a1b" })).body.error.code).toBe(
      "unknown_account",
    );
  });
  it("malformed, unknown and expired connect session tokens", async () => {
    expect((await call("/connect/session", { auth: "Bearer nango_connect_session_xyz" })).body.error.code).toBe(
      "invalid_connect_session_token_format",
    );
    expect(
      (await call("/connect/session", { auth: `Bearer nango_connect_session_${"a".repeat(64)}` })).body.error.code,
    ).toBe("unknown_connect_session_token");
    const { data } = await t.nango.createConnectSession({ end_user: { id: "u-exp" } });
    expect((await call("/connect/session", { auth: `Bearer ${data.token}` })).status).toBe(200);
    await t.emulator.control(`/nango/sessions/${data.token}/expire`, {});
    const expired = await call("/connect/session", { auth: `Bearer ${data.token}` });
    expect(expired).toMatchObject({ status: 401, body: { error: { code: "unknown_connect_session_token" } } });
  });
  it("a session token is not a secret key", async () => {
    const { data } = await t.nango.createConnectSession({ end_user: { id: "u-x" } });
    expect((await call("/connections", { auth: `Bearer ${data.token}` })).body.error.code).toBe(
      "invalid_secret_key_format",
    );
  });
});

describe("unknown integration / connection", () => {
  it("getConnection", async () => {
    const id = await t.seed();
    expect(await apiError(t.nango.getConnection("nope", id))).toMatchObject({
      status: 400,
      body: { error: { code: "unknown_provider_config" } },
    });
    expect(await apiError(t.nango.getConnection(KEY, "nope"))).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
  });
  it("proxy", async () => {
    const id = await t.seed();
    expect(
      await apiError(t.nango.get({ endpoint: "/v1.0/me", connectionId: id, providerConfigKey: "nope" })),
    ).toMatchObject({
      status: 404,
      body: { error: { code: "unknown_provider_config" } },
    });
    expect(await apiError(t.nango.get({ endpoint: "/v1.0/me", connectionId: "nope", providerConfigKey: KEY }))).toEqual(
      {
        status: 400,
        body: { error: { code: "server_error", message: "Failed to get connection" } },
      },
    );
  });
  it("getIntegration", async () => {
    expect(await apiError(t.nango.getIntegration({ uniqueKey: "nope" }))).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
  });
});

describe("bad proxy headers (400 invalid_headers)", () => {
  it("missing Connection-Id or a malformed Retry-On", async () => {
    const missing = await call("/proxy/v1.0/me", { headers: { "provider-config-key": KEY } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: "invalid_headers",
      errors: [expect.objectContaining({ path: ["connection-id"] })],
    });
    const retryOn = await call("/proxy/v1.0/me", {
      headers: { "provider-config-key": KEY, "connection-id": "c", "retry-on": "soon" },
    });
    expect(retryOn.body.error.code).toBe("invalid_headers");
  });
});

describe("CORS", () => {
  it("answers the Connect UI's preflight", async () => {
    const res = await fetch(`${t.emulator.origins.nango}/connect/session`, {
      method: "OPTIONS",
      headers: {
        origin: t.emulator.origins.connectUi,
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });
});
