// Tenant consent policies on the emulated Microsoft pages, in real Chromium where a person
// would look at them: "Need admin approval" that stays open (with the admin-consent request
// workflow where the tenant has it), the admin's "Consent on behalf of your organization",
// the prompt=consent admin-consent loop, low-impact-only tenants, and /adminconsent.
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../../test-support/chromium";
import { DEMO_MICROSOFT_ACCOUNTS as A, DEMO_TENANTS } from "../data/demo-accounts";
import { startTestEmulator, type TestEmulator } from "../testing";
import { authorizeAs, authorizeUrl, ctxOf, heading, TestBrowser, type AuthorizeParams } from "./test-browser";

let emu: TestEmulator;
let browser: Browser;
beforeAll(async () => {
  emu = await startTestEmulator();
  browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await emu?.close();
});
beforeEach(async () => {
  await emu.control("/reset", {});
});

const FULL =
  "offline_access User.Read Team.ReadBasic.All Channel.ReadBasic.All ChannelMessage.Read.All Chat.Read Presence.Read";
const ADMIN_CONSENT_CALLBACK = "http://localhost:3999/api/tenant-consent/callback";

/** Opens the authorize URL in Chromium and signs in by picking the account. */
async function signInInChromium(email: string, name: string, params: AuthorizeParams): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The client's redirect target doesn't exist here: answer it so navigation completes.
  await page.route(`${emu.origins.nango}/oauth/callback**`, (route) =>
    route.fulfill({ status: 200, body: "callback" }),
  );
  await page.goto(authorizeUrl(emu, params));
  await page.getByRole("button", { name: `Sign in as ${name} (${email})` }).click();
  return page;
}

async function pageAfterSignIn(b: TestBrowser, email: string, params: AuthorizeParams) {
  const tenant = params.tenant ?? "common";
  let response = await b.request(authorizeUrl(emu, params));
  const first = await response.text();
  if (heading(first) === "Sign in")
    response = await b.post(`${emu.origins.login}/${tenant}/login`, { ctx: ctxOf(first), account: email });
  else return { status: response.status, html: first, location: response.headers.get("location") };
  return {
    status: response.status,
    html: response.status === 200 ? await response.text() : "",
    location: response.headers.get("location"),
  };
}

describe("a tenant where users may consent to nothing (Fabrikam)", () => {
  it("a non-admin meets 'Need admin approval', which stays open; Request approval records a pending request", async () => {
    expect(await emu.control(`/microsoft/tenants/${DEMO_TENANTS.fabrikam.id}/policy`)).toMatchObject({
      userConsent: "none",
      adminConsentWorkflow: true,
      tenantWideGrant: [],
    });
    const page = await signInInChromium(A.sara.email, A.sara.name, { scope: FULL });
    await page.getByRole("heading", { name: "Need admin approval" }).waitFor();
    const url = page.url();
    // Nothing redirects by itself: the page is still there a moment later.
    await page.waitForTimeout(300);
    expect(page.url()).toBe(url);
    expect(new URL(page.url()).origin).toBe(emu.origins.login);
    await expect
      .poll(() => page.getByRole("link", { name: "Return to the application without granting consent" }).count())
      .toBe(1);
    await page
      .getByLabel("Enter justification for requesting this app")
      .fill("I need my Teams messages in the dashboard");
    await page.getByRole("button", { name: "Request approval" }).click();
    await page.getByRole("heading", { name: "Request sent" }).waitFor();
    const { requests } = (await emu.control(
      `/microsoft/admin-approval-requests?tenant=${DEMO_TENANTS.fabrikam.id}`,
    )) as { requests: Array<Record<string, unknown>> };
    expect(requests).toEqual([
      expect.objectContaining({
        tenantId: DEMO_TENANTS.fabrikam.id,
        email: A.sara.email,
        status: "pending",
        justification: "I need my Teams messages in the dashboard",
        scopes: expect.arrayContaining(["ChannelMessage.Read.All", "Chat.Read"]),
      }),
    ]);
    await page.context().close();
  });

  it("the admin ticks 'Consent on behalf of your organization': the user then connects without any page", async () => {
    const page = await signInInChromium(A.ravi.email, A.ravi.name, { scope: FULL });
    await page.getByRole("heading", { name: "Permissions requested" }).waitFor();
    await page.getByRole("checkbox", { name: "Consent on behalf of your organization" }).check();
    await page.getByRole("button", { name: "Accept" }).click();
    await page.waitForURL(`${emu.origins.nango}/oauth/callback**`);
    expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
    await page.context().close();
    const policy = (await emu.control(`/microsoft/tenants/${DEMO_TENANTS.fabrikam.id}/policy`)) as {
      tenantWideGrant: string[];
    };
    expect(policy.tenantWideGrant).toEqual(
      expect.arrayContaining(["ChannelMessage.Read.All", "Chat.Read", "User.Read", "offline_access"]),
    );
    const sara = await pageAfterSignIn(new TestBrowser(), A.sara.email, { scope: FULL });
    expect(sara.status).toBe(302);
    expect(new URL(sara.location!).searchParams.get("code")).toBeTruthy();
  });

  it("unticked, the admin consents for himself only: the user is still blocked", async () => {
    const admin = await authorizeAs(emu, new TestBrowser(), A.ravi.email, { scope: FULL });
    expect(admin.searchParams.get("code")).toBeTruthy();
    const sara = await pageAfterSignIn(new TestBrowser(), A.sara.email, { scope: FULL });
    expect(heading(sara.html)).toBe("Need admin approval");
  });

  it("behind a control, the approval path redirects with AADSTS90094 instead", async () => {
    await emu.control(`/microsoft/tenants/${DEMO_TENANTS.fabrikam.id}/policy`, { adminApprovalRedirect: true });
    const sara = await pageAfterSignIn(new TestBrowser(), A.sara.email, { scope: FULL });
    const location = new URL(sara.location!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toMatch(/^AADSTS90094:/);
  });
});

describe("prompt=consent and admin-only scopes (Contoso: users consent to all, ChannelMessage.Read.All granted tenant-wide)", () => {
  it("without prompt the user connects; with prompt=consent the same request loops to 'Need admin approval' (no workflow: no request form)", async () => {
    const b = new TestBrowser();
    expect((await authorizeAs(emu, b, A.megan.email, { scope: FULL })).searchParams.get("code")).toBeTruthy();
    expect((await authorizeAs(emu, b, A.megan.email, { scope: FULL })).searchParams.get("code")).toBeTruthy();
    const page = await signInInChromium(A.megan.email, A.megan.name, { scope: FULL, prompt: "consent" });
    await page.getByRole("heading", { name: "Need admin approval" }).waitFor();
    expect(await page.getByRole("button", { name: "Request approval" }).count()).toBe(0);
    await page.context().close();
    // Re-prompting is safe where every scope asked is the user's to give.
    const safe = await pageAfterSignIn(b, A.megan.email, {
      scope: "offline_access User.Read Chat.Read",
      prompt: "consent",
    });
    expect(heading(safe.html)).toBe("Permissions requested");
  });
});

describe("a low-impact-only tenant (Northwind)", () => {
  it("users consent to openid/profile/email/offline_access/User.Read themselves, not to Chat.Read", async () => {
    const basic = await pageAfterSignIn(new TestBrowser(), A.nina.email, {
      scope: "openid profile offline_access User.Read",
    });
    expect(heading(basic.html)).toBe("Permissions requested");
    const chat = await pageAfterSignIn(new TestBrowser(), A.nina.email, {
      scope: "offline_access User.Read Chat.Read",
    });
    expect(heading(chat.html)).toBe("Need admin approval");
    expect(chat.html).not.toContain("Request approval");
  });
});

describe("GET /{tenant}/v2.0/adminconsent", () => {
  const adminConsentUrl = (tenant: string, state = "st-1") =>
    `${emu.origins.login}/${tenant}/v2.0/adminconsent?client_id=${emu.context.config.nango.clientId}&redirect_uri=${encodeURIComponent(ADMIN_CONSENT_CALLBACK)}&scope=${encodeURIComponent("https://graph.microsoft.com/.default")}&state=${state}`;

  it("an admin accepts in Chromium: tenant-wide grant of every configured permission, redirect with admin_consent=True", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route(`${ADMIN_CONSENT_CALLBACK}**`, (route) => route.fulfill({ status: 200, body: "ok" }));
    await page.goto(adminConsentUrl("organizations"));
    await page.getByRole("button", { name: `Sign in as ${A.omar.name} (${A.omar.email})` }).click();
    await page.getByRole("heading", { name: "Permissions requested for your organization" }).waitFor();
    await page.getByRole("button", { name: "Accept" }).click();
    await page.waitForURL(`${ADMIN_CONSENT_CALLBACK}**`);
    const url = new URL(page.url());
    expect(url.searchParams.get("admin_consent")).toBe("True");
    expect(url.searchParams.get("tenant")).toBe(DEMO_TENANTS.northwind.id);
    expect(url.searchParams.get("state")).toBe("st-1");
    expect(url.searchParams.get("scope")).toContain("https://graph.microsoft.com/ChannelMessage.Read.All");
    await context.close();
    const policy = (await emu.control(`/microsoft/tenants/${DEMO_TENANTS.northwind.id}/policy`)) as {
      tenantWideGrant: string[];
    };
    expect(policy.tenantWideGrant).toEqual(
      expect.arrayContaining(["ChannelMessage.Read.All", "Chat.Read", "Presence.Read"]),
    );
    // Nina now connects with the full set without any page.
    const nina = await pageAfterSignIn(new TestBrowser(), A.nina.email, { scope: FULL });
    expect(new URL(nina.location!).searchParams.get("code")).toBeTruthy();
  });

  it("Cancel answers error=access_denied with the state; a non-admin gets an error page; /common is refused", async () => {
    const b = new TestBrowser();
    const signIn = await (await b.request(adminConsentUrl("organizations", "st-2"))).text();
    const consent = await (
      await b.post(`${emu.origins.login}/organizations/login`, { ctx: ctxOf(signIn), account: A.ravi.email })
    ).text();
    const cancel = await b.post(`${emu.origins.login}/organizations/Consent/Set`, {
      ctx: ctxOf(consent),
      decision: "cancel",
    });
    const location = new URL(cancel.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(ADMIN_CONSENT_CALLBACK);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toBeTruthy();
    expect(location.searchParams.get("state")).toBe("st-2");

    const user = new TestBrowser();
    const userSignIn = await (await user.request(adminConsentUrl(DEMO_TENANTS.fabrikam.id))).text();
    const refused = await user.post(`${emu.origins.login}/${DEMO_TENANTS.fabrikam.id}/login`, {
      ctx: ctxOf(userSignIn),
      account: A.sara.email,
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("AADSTS90094");

    const common = await fetch(adminConsentUrl("common"));
    expect(common.status).toBe(400);
  });
});
