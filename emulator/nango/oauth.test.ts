// The popup endpoints: session defaults shape the authorize redirect; callback errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY, setup } from "./test/fixture";

let t: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  t = await setup();
});
afterAll(async () => t.close());

const connectUrl = (token: string, extra = "") =>
  `${t.emulator.origins.nango}/oauth/connect/${KEY}?connect_session_token=${token}${extra}`;

describe("GET /oauth/connect/:key", () => {
  it("redirects to Microsoft with the session's authorization_params and scope override", async () => {
    const { data } = await t.nango.createConnectSession({
      end_user: { id: "u-oauth" },
      integrations_config_defaults: {
        [KEY]: {
          authorization_params: { prompt: "consent" },
          connection_config: { oauth_scopes_override: "offline_access,User.Read,Chat.Read" },
        },
      },
    });
    // Query params lose to the session's defaults, as in Nango.
    const res = await fetch(connectUrl(data.token, "&authorization_params[prompt]=none"), { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${t.emulator.origins.login}/common/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: "code",
      client_id: "00000000-0000-4000-8000-00000000a001",
      redirect_uri: `${t.emulator.origins.nango}/oauth/callback`,
      scope: "offline_access User.Read Chat.Read",
      state: expect.stringMatching(/^[0-9a-f-]{36}$/),
      response_mode: "query",
      prompt: "consent",
    });
  });

  it("uses the integration's scopes by default and refuses a connection_id with a session token", async () => {
    const { data } = await t.nango.createConnectSession({ end_user: { id: "u-oauth2" } });
    const res = await fetch(connectUrl(data.token), { redirect: "manual" });
    expect(new URL(res.headers.get("location")!).searchParams.get("scope")).toBe(
      "offline_access User.Read Team.ReadBasic.All Channel.ReadBasic.All ChannelMessage.Read.All Chat.Read Presence.Read",
    );
    const forbidden = await fetch(connectUrl(data.token, "&connection_id=abc"), { redirect: "manual" });
    expect(forbidden.status).toBe(400);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe("invalid_query_params");
  });

  it("needs a valid session token", async () => {
    const res = await fetch(`${t.emulator.origins.nango}/oauth/connect/${KEY}`, { redirect: "manual" });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("missing_public_key");
  });
});

describe("GET /oauth/callback", () => {
  it("reports a provider error as Nango does (400 page posting nango_oauth_callback_error) and a failed-creation webhook", async () => {
    const { data } = await t.nango.createConnectSession({ end_user: { id: "u-cb" } });
    const redirect = await fetch(connectUrl(data.token), { redirect: "manual" });
    const state = new URL(redirect.headers.get("location")!).searchParams.get("state")!;
    const description = "AADSTS65001: The user or administrator has not consented to use the application.";
    const res = await fetch(
      `${t.emulator.origins.nango}/oauth/callback?error=consent_required&error_description=${encodeURIComponent(description)}&state=${state}`,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("nango_oauth_callback_error");
    expect(html).toContain(
      JSON.stringify({
        message: JSON.stringify({ error: "consent_required", error_description: description }),
        errorType: "connection_validation_failed",
      })
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026"),
    );
    await t.emulator.control("/nango/webhooks/flush", {});
    const hook = t.receiver.received
      .map((r) => JSON.parse(r.body))
      .find((b) => b.success === false && b.operation === "creation");
    expect(hook).toMatchObject({
      error: {
        type: "invalid_callback",
        description: `Did not get authorization code in the callback. Provider error: error: consent_required; error_description: ${description}`,
      },
    });
    expect(hook.tags).toBeUndefined();
    expect(hook.endUser).toBeUndefined();
  });

  it("rejects an unknown state", async () => {
    const res = await fetch(`${t.emulator.origins.nango}/oauth/callback?code=x&state=nope`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("No session found for state");
  });
});
