import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A, DEMO_TENANTS } from "../data/demo-accounts";
import { startTestEmulator, type TestEmulator } from "../testing";
import { authorizeAs, decodeJwt, redeem, TestBrowser, tokensFor } from "./test-browser";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

const callback = () => `${emu.origins.nango}/oauth/callback`;
const SCOPE = "offline_access User.Read Chat.Read";

describe("token endpoint", () => {
  it("redeems a code once for a Graph access token and a refresh token", async () => {
    const redirect = await authorizeAs(emu, new TestBrowser(), A.megan.email, { scope: SCOPE });
    const code = redirect.searchParams.get("code")!;
    const response = await redeem(emu, { grant_type: "authorization_code", code, redirect_uri: callback() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer" });
    expect(body.expires_in).toBeGreaterThanOrEqual(3599);
    expect(body.expires_in).toBeLessThanOrEqual(5400);
    expect(body.ext_expires_in).toBe(body.expires_in);
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(body.id_token).toBeUndefined();
    const claims = decodeJwt(body.access_token as string);
    expect(claims).toMatchObject({
      aud: "00000003-0000-0000-c000-000000000000",
      tid: DEMO_TENANTS.contoso.id,
      upn: A.megan.email,
      name: A.megan.name,
      // Contoso's admin granted ChannelMessage.Read.All tenant-wide: Entra adds it to every token.
      scp: "User.Read Chat.Read ChannelMessage.Read.All",
    });
    expect(body.scope).toBe(
      "https://graph.microsoft.com/User.Read https://graph.microsoft.com/Chat.Read https://graph.microsoft.com/ChannelMessage.Read.All",
    );
    expect((claims.exp as number) - (claims.iat as number)).toBe(body.expires_in);

    const replay = await redeem(emu, { grant_type: "authorization_code", code, redirect_uri: callback() });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("requires the same redirect_uri and the right client secret", async () => {
    const redirect = await authorizeAs(emu, new TestBrowser(), A.megan.email, { scope: SCOPE });
    const code = redirect.searchParams.get("code")!;
    const mismatch = await redeem(emu, {
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://localhost:1/x",
    });
    expect(await mismatch.json()).toMatchObject({ error: "invalid_grant", error_codes: [500112] });
    const badSecret = await redeem(emu, {
      grant_type: "authorization_code",
      code,
      redirect_uri: callback(),
      client_secret: "wrong",
    });
    expect(badSecret.status).toBe(401);
    const body = (await badSecret.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect(body).toHaveProperty("trace_id");
    expect(body).toHaveProperty("correlation_id");
    expect(body.error_description).toMatch(/^AADSTS7000215: /);
  });

  it("rotates refresh tokens: the old one stops working", async () => {
    const first = await tokensFor(emu, A.megan.email, SCOPE);
    const refreshed = await redeem(emu, { grant_type: "refresh_token", refresh_token: first.refresh_token! });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as { refresh_token: string; access_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reuse = await redeem(emu, { grant_type: "refresh_token", refresh_token: first.refresh_token! });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant" });
    // Client credentials through HTTP Basic work as well.
    const { nango } = emu.context.config;
    const basic = await fetch(`${emu.origins.login}/common/oauth2/v2.0/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${nango.clientId}:${nango.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: second.refresh_token }).toString(),
    });
    expect(basic.status).toBe(200);
  });

  it("issues no refresh token without offline_access", async () => {
    const tokens = await tokensFor(emu, A.alex.email, "User.Read Chat.Read");
    expect(tokens.refresh_token).toBeUndefined();
  });

  it("answers invalid_scope for .default combined with resource scopes", async () => {
    const tokens = await tokensFor(emu, A.alex.email, SCOPE);
    const response = await redeem(emu, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token!,
      scope: "https://graph.microsoft.com/.default Chat.Read",
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe("invalid_scope");
    expect(body.error_description).toContain(
      "AADSTS70011: The provided request must include a 'scope' input parameter.",
    );
    expect(body.error_description).toContain(".default scope can't be combined with resource-specific scopes.");
  });

  it("a .default refresh keeps the granted scopes", async () => {
    const tokens = await tokensFor(emu, A.alex.email, SCOPE);
    const response = await redeem(emu, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token!,
      scope: "offline_access .default",
    });
    expect(response.status).toBe(200);
    expect(decodeJwt(((await response.json()) as { access_token: string }).access_token).scp).toBe(
      "User.Read Chat.Read ChannelMessage.Read.All",
    );
  });

  it("scope lists every granted Graph scope, prefixed by default or short when switched; expires_in varies", async () => {
    const first = await tokensFor(emu, A.lee.email, "openid profile offline_access User.Read Presence.Read");
    expect(first.scope).toBe(
      "openid profile https://graph.microsoft.com/User.Read https://graph.microsoft.com/Presence.Read https://graph.microsoft.com/ChannelMessage.Read.All",
    );
    // Asking for less later still returns everything granted (Lee's consents + the tenant's grant).
    const less = await tokensFor(emu, A.lee.email, "offline_access User.Read");
    expect(less.scope.split(" ").sort()).toEqual(
      [
        "https://graph.microsoft.com/ChannelMessage.Read.All",
        "https://graph.microsoft.com/Presence.Read",
        "https://graph.microsoft.com/User.Read",
      ].sort(),
    );
    await emu.control("/microsoft/token-format", { scope: "short" });
    try {
      const short = await tokensFor(emu, A.lee.email, "offline_access User.Read");
      expect(short.scope.split(" ").sort()).toEqual(["ChannelMessage.Read.All", "Presence.Read", "User.Read"]);
    } finally {
      await emu.control("/microsoft/token-format", { scope: "prefixed" });
    }
    const lifetimes = new Set<number>();
    for (let i = 0; i < 4; i++)
      lifetimes.add((await tokensFor(emu, A.lee.email, "offline_access User.Read")).expires_in);
    expect(lifetimes.size).toBeGreaterThan(1);
  });

  it("a personal account gets an opaque access token (no tid to read) that Graph accepts", async () => {
    const tokens = await tokensFor(emu, A.pat.email, "offline_access User.Read Chat.Read");
    expect(tokens.access_token.split(".")).toHaveLength(1);
    const me = await fetch(`${emu.origins.graph}/v1.0/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { mail: string }).mail).toBe(A.pat.email);
    const org = await fetch(`${emu.origins.graph}/v1.0/organization`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await org.json()).toMatchObject({ value: [] });
    const teams = await fetch(`${emu.origins.graph}/v1.0/me/joinedTeams`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(teams.status).toBe(403);
    const chats = await fetch(`${emu.origins.graph}/v1.0/me/chats`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(chats.status).toBe(400);
  });

  it("revoked grants fail with AADSTS50173, expired ones with AADSTS700082", async () => {
    const revoked = await tokensFor(emu, A.adele.email, SCOPE);
    await emu.control("/microsoft/grants/revoke", { email: A.adele.email });
    const r1 = await redeem(emu, { grant_type: "refresh_token", refresh_token: revoked.refresh_token! });
    expect(await r1.json()).toMatchObject({ error: "invalid_grant", error_codes: [50173] });

    // A fresh sign-in after the revocation works again.
    const fresh = await tokensFor(emu, A.adele.email, SCOPE);
    await emu.control("/microsoft/grants/expire", { email: A.adele.email });
    const r2 = await redeem(emu, { grant_type: "refresh_token", refresh_token: fresh.refresh_token! });
    const body = (await r2.json()) as { error: string; error_codes: number[]; error_description: string };
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [700082] });
    expect(body.error_description).toContain("inactive for 90.00:00:00");

    const grants = (await emu.control("/microsoft/grants")) as { consents: Array<{ email: string }> };
    expect(grants.consents.some((g) => g.email === A.adele.email)).toBe(true);
  });
});

describe("OpenID Connect", () => {
  it("discovery: template issuer for common, concrete issuer for a tenant id or domain", async () => {
    const common = (await (
      await fetch(`${emu.origins.login}/common/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(common.issuer).toBe(`${emu.origins.login}/{tenantid}/v2.0`);
    expect(common.token_endpoint).toBe(`${emu.origins.login}/common/oauth2/v2.0/token`);
    for (const tenant of [DEMO_TENANTS.contoso.id, DEMO_TENANTS.contoso.domain]) {
      const doc = (await (
        await fetch(`${emu.origins.login}/${tenant}/v2.0/.well-known/openid-configuration`)
      ).json()) as Record<string, string>;
      expect(doc.issuer).toBe(`${emu.origins.login}/${DEMO_TENANTS.contoso.id}/v2.0`);
      expect(doc.jwks_uri).toBe(`${emu.origins.login}/${tenant}/discovery/v2.0/keys`);
    }
  });

  it("id_token for the app sign-in client verifies against the JWKS", async () => {
    const { appSignIn } = emu.context.config;
    const redirectUri = "http://localhost:3000/api/auth/callback/microsoft";
    const tenant = DEMO_TENANTS.contoso.id;
    const redirect = await authorizeAs(emu, new TestBrowser(), A.megan.email, {
      tenant,
      scope: "openid profile email User.Read",
      clientId: appSignIn.clientId,
      redirectUri,
      nonce: "n-123",
    });
    const response = await fetch(`${emu.origins.login}/${tenant}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: redirect.searchParams.get("code")!,
        redirect_uri: redirectUri,
        client_id: appSignIn.clientId,
        client_secret: appSignIn.clientSecret,
      }).toString(),
    });
    const { id_token: idToken } = (await response.json()) as { id_token: string };
    const [head, body, signature] = idToken.split(".") as [string, string, string];
    const header = JSON.parse(Buffer.from(head, "base64url").toString()) as { kid: string; alg: string };
    const doc = (await (
      await fetch(`${emu.origins.login}/${tenant}/v2.0/.well-known/openid-configuration`)
    ).json()) as { jwks_uri: string; issuer: string };
    const { keys } = (await (await fetch(doc.jwks_uri)).json()) as { keys: Array<{ kid: string }> };
    const jwk = keys.find((key) => key.kid === header.kid)!;
    const key = createPublicKey({ key: jwk as never, format: "jwk" });
    expect(header.alg).toBe("RS256");
    expect(verify("RSA-SHA256", Buffer.from(`${head}.${body}`), key, Buffer.from(signature, "base64url"))).toBe(true);
    expect(decodeJwt(idToken)).toMatchObject({
      iss: doc.issuer,
      aud: appSignIn.clientId,
      nonce: "n-123",
      tid: tenant,
      email: A.megan.email,
      preferred_username: A.megan.email,
      name: A.megan.name,
    });
  });
});
