/**
 * Strict enterprise tenants, as Entra ID and Nango really behave (the emulator's
 * defaults): a tenant whose users may not consent, Microsoft's "Need admin approval"
 * page that stays open, the organization-wide grant from the admin console, re-prompts
 * that never loop, Nango's hook writing tenantId after the Connect UI's success, and
 * scopes in Microsoft's prefixed form.
 */
import type { Browser, Page } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS, DEMO_TENANTS } from "../emulator/data/demo-accounts";
import { DEMO_ADMIN, DEMO_ALEX, DEMO_MEGAN, type DemoAccount } from "../lib/demo-accounts";
import { DEFAULT_GRAPH_SCOPES } from "../test-support/scopes";
import { signInWithPassword } from "./support/auth";
import {
  completeMicrosoftPopup,
  connectUi,
  finishConnectUi,
  pickMicrosoftAccount,
  startMicrosoftPopup,
} from "./support/connect-ui";
import { alertOn, expect, expectAccessible, test } from "./support/fixtures";
import { emulator, stack } from "./support/stack";

// Whole connect flows through Microsoft's pages, several per test, on a shared 2-core machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const { sara, ravi, megan: msMegan, pat } = DEMO_MICROSOFT_ACCOUNTS;
const FABRIKAM = DEMO_TENANTS.fabrikam.id;

async function signedIn(browser: Browser, baseURL: string | undefined, account: DemoAccount): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInWithPassword(page, account.email, account.password);
  return page;
}

async function connection(page: Page) {
  return (
    (await (await page.request.get("/api/connections")).json()) as {
      connection: { status: string; tenantId: string | null; grantedScopes: string[]; missingScopes: string[] } | null;
    }
  ).connection;
}

async function disconnect(page: Page) {
  expect((await page.request.delete("/api/connections", { headers: { origin: stack.APP_URL } })).ok()).toBe(true);
}

test.beforeAll(async () => {
  // Fabrikam as seeded: users may consent to nothing, no organization-wide grant.
  await emulator(`/microsoft/tenants/${FABRIKAM}/policy`, { userConsent: "none", adminConsentWorkflow: true });
  await emulator(`/microsoft/tenants/${FABRIKAM}/admin-consent`, { scopes: DEFAULT_GRAPH_SCOPES, granted: false });
});

test("a strict tenant: the approval page, an organization-wide grant from the console, then the user connects and no re-prompt loops", async ({
  browser,
  baseURL,
}) => {
  const alex = await signedIn(browser, baseURL, DEMO_ALEX);
  const admin = await signedIn(browser, baseURL, DEMO_ADMIN);
  await disconnect(alex);

  await test.step("a non-admin meets 'Need admin approval', which stays open; closing it explains the next step", async () => {
    await alex.goto("/connections");
    await alex.getByRole("button", { name: "Connect Microsoft Teams" }).click();
    const popup = await startMicrosoftPopup(alex);
    await pickMicrosoftAccount(popup, sara.name, sara.email);
    await expect(popup.getByRole("heading", { name: "Need admin approval" })).toBeVisible();
    // It does not redirect by itself: still there after the Connect UI would have noticed a redirect.
    await expect(connectUi(alex).getByRole("button", { name: "Finish" })).toHaveCount(0);
    await expect(popup.getByRole("heading", { name: "Need admin approval" })).toBeVisible();
    await popup.close();
    // The Connect UI notices the closed window (detectClosedAuthWindow) and says so.
    await expect(connectUi(alex).getByRole("alert")).toContainText("window was closed");
    await connectUi(alex).getByRole("button", { name: "Close" }).first().click();
    await expect(alertOn(alex)).toContainText("Need admin approval");
    await expect(alex.getByRole("button", { name: "Connect without channel messages" })).toBeVisible();
    await expect(alex.getByText("Not connected")).toBeVisible();
    expect(await connection(alex)).toBeNull();
    await expectAccessible(alex);
  });

  await test.step("the admin grants the app for the whole organization from the console", async () => {
    await admin.goto("/admin/tenants");
    await expectAccessible(admin);
    await admin.getByRole("link", { name: "Grant for my own organization" }).click();
    await pickMicrosoftAccount(admin, ravi.name, ravi.email);
    await admin.getByRole("button", { name: "Accept" }).click();
    await expect(admin).toHaveURL(/\/admin\/tenants\?consent=granted/);
    await expect(admin.getByRole("status")).toContainText("granted for the whole organization");
    await expect(admin.getByRole("row", { name: new RegExp(FABRIKAM) })).toContainText(`by ${DEMO_ADMIN.email}`);
    await admin.goto(`/admin/audit?action=tenant.admin_consent_granted`);
    await expect(admin.getByRole("rowheader", { name: "tenant.admin_consent_granted" }).first()).toBeVisible();
  });

  await test.step("the user connects with every permission, without any consent page", async () => {
    await alex.goto("/connections");
    await alex.getByRole("button", { name: "Connect Microsoft Teams" }).click();
    const popup = await startMicrosoftPopup(alex);
    await completeMicrosoftPopup(popup, sara);
    await finishConnectUi(alex);
    await expect(alex.getByText("Connected", { exact: true })).toBeVisible();
    expect(await connection(alex)).toMatchObject({ status: "connected", tenantId: FABRIKAM, missingScopes: [] });
  });

  await test.step("'Require consent' is refused with the reason; 'Require sign-in' ends with the user connected, not on an approval page", async () => {
    await admin.goto(`/admin?q=${encodeURIComponent(DEMO_ALEX.name)}`);
    await admin.getByRole("checkbox", { name: `Select ${DEMO_ALEX.name}` }).check();
    await admin.getByRole("button", { name: "Require consent" }).click();
    await expect(alertOn(admin)).toContainText("granted this app for the whole organization");
    await admin.getByRole("checkbox", { name: `Select ${DEMO_ALEX.name}` }).check();
    await admin.getByRole("button", { name: "Require sign-in" }).click();
    await expect(admin.getByRole("row", { name: new RegExp(DEMO_ALEX.name) })).toContainText(/sign-in|login/i);

    await alex.goto("/connections");
    await alex.getByRole("region", { name: "Action required" }).getByRole("button", { name: "Sign in again" }).click();
    const popup = await startMicrosoftPopup(alex, "Reconnect");
    await expect(popup.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
    await completeMicrosoftPopup(popup, sara);
    await finishConnectUi(alex);
    await expect(alex.getByRole("region", { name: "Action required" })).toHaveCount(0);
    expect(await connection(alex)).toMatchObject({ status: "connected", tenantId: FABRIKAM });
  });

  await disconnect(alex);
  await alex.context().close();
  await admin.context().close();
});

test("a user who may approve only some permissions connects without channel messages, and the channel page says why", async ({
  browser,
  baseURL,
}) => {
  const alex = await signedIn(browser, baseURL, DEMO_ALEX);
  await disconnect(alex);
  // Fabrikam again without its grant, but users may consent to what needs no admin.
  await emulator(`/microsoft/tenants/${FABRIKAM}/admin-consent`, { scopes: DEFAULT_GRAPH_SCOPES, granted: false });
  await emulator(`/microsoft/tenants/${FABRIKAM}/policy`, { userConsent: "all", adminConsentWorkflow: false });
  try {
    await alex.goto("/connections");
    await alex.getByRole("button", { name: "Connect Microsoft Teams" }).click();
    let popup = await startMicrosoftPopup(alex);
    // ChannelMessage.Read.All needs an administrator in every tenant.
    await pickMicrosoftAccount(popup, sara.name, sara.email);
    await expect(popup.getByRole("heading", { name: "Need admin approval" })).toBeVisible();
    await popup.close();
    await expect(connectUi(alex).getByRole("alert")).toContainText("window was closed");
    await connectUi(alex).getByRole("button", { name: "Close" }).first().click();
    await alex.getByRole("button", { name: "Connect without channel messages" }).click();
    popup = await startMicrosoftPopup(alex);
    await completeMicrosoftPopup(popup, sara);
    await finishConnectUi(alex);
    await expect(alex.getByText("Connected", { exact: true })).toBeVisible();
    const granted = await connection(alex);
    expect(granted?.grantedScopes).toContain("Chat.Read");
    expect(granted?.missingScopes).toEqual(["ChannelMessage.Read.All"]);
    await expect(alex.getByRole("note")).toContainText("Channel messages need your administrator's approval");
    await expect(alex.getByLabel("Approval link for your administrator")).toHaveValue(/\/adminconsent\?client_id=/);

    // Reading what the grant allows keeps working; the channel page explains in place.
    await alex.goto("/dashboard");
    await expect(alex.getByRole("heading", { name: "Recent chats" })).toBeVisible();
    const teamLink = alex.getByRole("list", { name: "Joined teams" }).getByRole("link").first();
    await teamLink.click();
    await alex
      .getByRole("link")
      .filter({ hasText: /General/ })
      .first()
      .click();
    await expect(alex.getByRole("note")).toContainText("Channel messages need your administrator's approval");
    await expectAccessible(alex);
  } finally {
    await disconnect(alex);
    await emulator(`/microsoft/tenants/${FABRIKAM}/policy`, { userConsent: "none", adminConsentWorkflow: true });
    await alex.context().close();
  }
});

test("with Nango's hook slow and allowed tenants set, connecting succeeds with the right tenant; prefixed scopes show nothing missing", async ({
  browser,
  baseURL,
}) => {
  const admin = await signedIn(browser, baseURL, DEMO_ADMIN);
  const megan = await signedIn(browser, baseURL, DEMO_MEGAN);
  await disconnect(megan);
  await emulator("/nango/post-connection", { delayMs: 3_000 });
  await admin.request.put("/api/admin/settings/allowed-tenants", {
    data: { tenants: [DEMO_TENANTS.contoso.id] },
    headers: { origin: baseURL! },
  });
  try {
    await megan.goto("/connections");
    await megan.getByRole("button", { name: "Connect Microsoft Teams" }).click();
    const popup = await startMicrosoftPopup(megan);
    await completeMicrosoftPopup(popup, msMegan);
    await finishConnectUi(megan);
    await expect(megan.getByText("Connected", { exact: true })).toBeVisible();
    expect(await connection(megan)).toMatchObject({
      status: "connected",
      tenantId: DEMO_TENANTS.contoso.id,
      missingScopes: [],
    });
    await expect(megan.getByText(/^Missing:/)).toHaveCount(0);
    const missing = (await (await admin.request.get("/api/admin/users?status=missing_scopes")).json()) as {
      rows: Array<{ email: string }>;
    };
    expect(missing.rows.map((r) => r.email)).not.toContain(DEMO_MEGAN.email);
  } finally {
    await emulator("/nango/post-connection", { delayMs: 250 });
    await admin.request.put("/api/admin/settings/allowed-tenants", {
      data: { tenants: [] },
      headers: { origin: baseURL! },
    });
    await admin.context().close();
    await megan.context().close();
  }
});

test("a personal Microsoft account is refused with a plain explanation and nothing is kept", async ({
  browser,
  baseURL,
}) => {
  const alex = await signedIn(browser, baseURL, DEMO_ALEX);
  await disconnect(alex);
  await alex.goto("/connections");
  await alex.getByRole("button", { name: "Connect Microsoft Teams" }).click();
  const popup = await startMicrosoftPopup(alex);
  await completeMicrosoftPopup(popup, pat);
  await connectUi(alex)
    .getByRole("button", { name: /Finish|Close/ })
    .first()
    .click();
  await expect(alertOn(alex)).toContainText("personal Microsoft account");
  await alex.reload();
  await expect(alex.getByText("Not connected")).toBeVisible();
  await alex.context().close();
});
