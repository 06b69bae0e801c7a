import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../data/demo-accounts";
import { startTestEmulator, type TestEmulator } from "../testing";
import { authorizeAs, authorizeUrl, ctxOf, heading, TestBrowser, type AuthorizeParams } from "./test-browser";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

const SCOPE = "offline_access User.Read Chat.Read";

/** Signs in by picking the account and returns the page that follows (status + HTML). */
async function pageAfterSignIn(browser: TestBrowser, email: string, params: AuthorizeParams) {
  const tenant = params.tenant ?? "common";
  let response = await browser.request(authorizeUrl(emu, params));
  if (response.status === 200) {
    const html = await response.text();
    if (heading(html) !== "Sign in") return { status: 200, html, location: null };
    response = await browser.post(`${emu.origins.login}/${tenant}/login`, { ctx: ctxOf(html), account: email });
  }
  return {
    status: response.status,
    html: response.status === 200 ? await response.text() : "",
    location: response.headers.get("location"),
  };
}

describe("authorize: sign-in and consent pages", () => {
  it("signs in with a password, asks for consent, then redirects with a code and the state", async () => {
    const browser = new TestBrowser();
    const first = await browser.request(authorizeUrl(emu, { scope: SCOPE, state: "abc" }));
    const signIn = await first.text();
    expect(first.status).toBe(200);
    expect(heading(signIn)).toBe("Sign in");
    expect(signIn).toContain('<label for="passwd">Password</label>');

    const wrong = await browser.post(`${emu.origins.login}/common/login`, {
      ctx: ctxOf(signIn),
      login: A.megan.email,
      passwd: "nope",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('role="alert"');

    const consent = await browser.post(`${emu.origins.login}/common/login`, {
      ctx: ctxOf(signIn),
      login: A.megan.email,
      passwd: A.megan.password,
    });
    const consentHtml = await consent.text();
    expect(heading(consentHtml)).toBe("Permissions requested");
    expect(consentHtml).toContain("Read your chat messages");
    expect(browser.cookies.has("emu_ests")).toBe(true);

    const done = await browser.post(`${emu.origins.login}/common/Consent/Set`, {
      ctx: ctxOf(consentHtml),
      decision: "accept",
    });
    expect(done.status).toBe(302);
    const location = new URL(done.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(`${emu.origins.nango}/oauth/callback`);
    expect(location.searchParams.get("code")).toBeTruthy();
    expect(location.searchParams.get("state")).toBe("abc");

    // Session + consent present, no prompt: straight back with a code.
    const silent = await browser.request(authorizeUrl(emu, { scope: SCOPE }));
    expect(silent.status).toBe(302);
    expect(new URL(silent.headers.get("location")!).searchParams.get("code")).toBeTruthy();

    // prompt=consent shows the consent page even though everything is granted.
    const forced = await browser.request(authorizeUrl(emu, { scope: SCOPE, prompt: "consent" }));
    expect(forced.status).toBe(200);
    expect(heading(await forced.text())).toBe("Permissions requested");

    // prompt=login shows the sign-in page despite the session cookie.
    const relogin = await browser.request(authorizeUrl(emu, { scope: SCOPE, prompt: "login" }));
    expect(heading(await relogin.text())).toBe("Sign in");

    // New scope → consent again (incremental consent).
    const more = await browser.request(authorizeUrl(emu, { scope: `${SCOPE} Presence.Read` }));
    expect(heading(await more.text())).toBe("Permissions requested");
  });

  it("prompt=none answers login_required without a session", async () => {
    const response = await new TestBrowser().request(authorizeUrl(emu, { scope: SCOPE, prompt: "none" }));
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("login_required");
    expect(location.searchParams.get("error_description")).toMatch(/^AADSTS50058:/);
  });

  it("Cancel on the consent page redirects with access_denied / AADSTS65004", async () => {
    const browser = new TestBrowser();
    const signIn = await (await browser.request(authorizeUrl(emu, { scope: SCOPE, state: "s2" }))).text();
    const consent = await (
      await browser.post(`${emu.origins.login}/common/login`, { ctx: ctxOf(signIn), account: A.alex.email })
    ).text();
    const cancel = await browser.post(`${emu.origins.login}/common/Consent/Set`, {
      ctx: ctxOf(consent),
      decision: "cancel",
    });
    const location = new URL(cancel.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toMatch(/^AADSTS65004: User declined to consent/);
    expect(location.searchParams.get("state")).toBe("s2");
  });

  it("never redirects to an unknown client or an unregistered redirect URI", async () => {
    const unknown = await fetch(authorizeUrl(emu, { scope: SCOPE, clientId: "11111111-1111-1111-1111-111111111111" }), {
      redirect: "manual",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("AADSTS700016");
    const badRedirect = await fetch(authorizeUrl(emu, { scope: SCOPE, redirectUri: "https://evil.example/cb" }), {
      redirect: "manual",
    });
    expect(badRedirect.status).toBe(400);
    expect(await badRedirect.text()).toContain("AADSTS50011");
  });

  it("accepts the app sign-in client on any localhost port", async () => {
    const { appSignIn } = emu.context.config;
    const ok = await fetch(
      authorizeUrl(emu, {
        scope: "openid profile email",
        clientId: appSignIn.clientId,
        redirectUri: "http://localhost:3123/api/auth/callback/microsoft",
      }),
      { redirect: "manual" },
    );
    expect(heading(await ok.text())).toBe("Sign in");
  });

  it("rejects .default mixed with resource scopes", async () => {
    const response = await fetch(authorizeUrl(emu, { scope: "offline_access .default Chat.Read" }), {
      redirect: "manual",
    });
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("invalid_scope");
    expect(location.searchParams.get("error_description")).toContain(
      ".default scope can't be combined with resource-specific scopes",
    );
  });

  it("control API: a tenant can start requiring admin consent (the user then meets Need admin approval)", async () => {
    await emu.control(`/microsoft/tenants/contoso.example/admin-consent`, {
      scopes: ["Presence.Read"],
      required: true,
    });
    const page = await pageAfterSignIn(new TestBrowser(), A.lee.email, { scope: "User.Read Presence.Read" });
    expect(heading(page.html)).toBe("Need admin approval");
    await emu.control(`/microsoft/tenants/contoso.example/admin-consent`, {
      scopes: ["Presence.Read"],
      required: false,
    });
    const allowed = await authorizeAs(emu, new TestBrowser(), A.lee.email, { scope: "User.Read Presence.Read" });
    expect(allowed.searchParams.get("code")).toBeTruthy();
  });

  it("a tenant-specific endpoint refuses users of another tenant (AADSTS50020)", async () => {
    const browser = new TestBrowser();
    const signIn = await (
      await browser.request(authorizeUrl(emu, { scope: SCOPE, tenant: "fabrikam.example" }))
    ).text();
    expect(signIn).not.toContain(A.megan.email);
    const response = await browser.post(`${emu.origins.login}/fabrikam.example/login`, {
      ctx: ctxOf(signIn),
      login: A.megan.email,
      passwd: "password",
    });
    expect(await response.text()).toContain("AADSTS50020");
  });
});
