import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { Nango } from "@nangohq/node";
import { DEMO_MICROSOFT_ACCOUNTS, DEMO_TENANTS } from "../emulator/data/demo-accounts";
import { ADMIN_API_ROUTES } from "../test-support/admin-routes";
import { DEMO_ADMIN, DEMO_ALEX, DEMO_MEGAN, type DemoAccount } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import {
  completeMicrosoftPopup,
  connectUi,
  ensureConnected,
  finishConnectUi,
  startMicrosoftPopup,
} from "./support/connect-ui";
import { alertOn, expect, expectAccessible, test } from "./support/fixtures";
import { authWebhook, emulator, microsoftTokens, NANGO_SECRET_KEY, signWebhook, stack } from "./support/stack";

test.describe.configure({ mode: "serial" });

const msMegan = DEMO_MICROSOFT_ACCOUNTS.megan;

async function signedIn(browser: Browser, baseURL: string | undefined, account: DemoAccount): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInWithPassword(page, account.email, account.password);
  return page;
}

async function auditActions(admin: APIRequestContext, email: string): Promise<string[]> {
  const body = (await (await admin.get(`/api/admin/audit?email=${encodeURIComponent(email)}`)).json()) as {
    rows: Array<{ action: string }>;
  };
  return body.rows.map((row) => row.action);
}

async function userRow(admin: APIRequestContext, email: string) {
  const body = (await (await admin.get(`/api/admin/users?q=${encodeURIComponent(email)}`)).json()) as {
    rows: Array<{
      id: string;
      email: string;
      health: string;
      missingScopes: string[];
      pendingReprompt: { prompt: string } | null;
    }>;
  };
  return body.rows.find((row) => row.email === email);
}

async function requirePrompt(admin: Page, name: string, button: "Require consent" | "Require sign-in") {
  await admin.goto(`/admin?q=${encodeURIComponent(name)}`);
  await admin.getByRole("checkbox", { name: `Select ${name}` }).check();
  await admin.getByRole("button", { name: button }).click();
  await expect(admin.getByRole("row", { name: new RegExp(name) })).toContainText(
    button === "Require consent" ? /consent/i : /sign-in|login/i,
  );
}

test("an admin re-prompts consent, then sign-in; the user completes both and the audit log has each step", async ({
  browser,
  baseURL,
}) => {
  const admin = await signedIn(browser, baseURL, DEMO_ADMIN);
  const megan = await signedIn(browser, baseURL, DEMO_MEGAN);
  await ensureConnected(megan, msMegan);
  const connectionId = (
    (await (await megan.request.get("/api/connections")).json()) as { connection: { connectionId: string } }
  ).connection.connectionId;

  await test.step("consent: the banner's reconnect reaches Microsoft's consent page", async () => {
    await requirePrompt(admin, DEMO_MEGAN.name, "Require consent");
    await expectAccessible(admin);
    await megan.goto("/connections");
    const banner = megan.getByRole("region", { name: "Action required" });
    await expect(banner).toContainText("approve access again");
    await banner.getByRole("button", { name: "Review and approve access" }).click();
    const popup = await startMicrosoftPopup(megan, "Reconnect");
    // Consent was granted before: only prompt=consent makes Microsoft ask again.
    await expect(popup.getByRole("heading", { name: "Permissions requested" })).toBeVisible();
    await completeMicrosoftPopup(popup, msMegan);
    await finishConnectUi(megan);
    await expect(megan.getByRole("region", { name: "Action required" })).toHaveCount(0);
    expect((await userRow(admin.request, DEMO_MEGAN.email))?.pendingReprompt).toBeNull();
  });

  await test.step("sign-in: Microsoft shows its sign-in page although a Microsoft session exists", async () => {
    await requirePrompt(admin, DEMO_MEGAN.name, "Require sign-in");
    await megan.goto("/connections");
    await megan.getByRole("region", { name: "Action required" }).getByRole("button", { name: "Sign in again" }).click();
    const popup = await startMicrosoftPopup(megan, "Reconnect");
    await expect(popup.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
    await completeMicrosoftPopup(popup, msMegan);
    await finishConnectUi(megan);
    await expect(megan.getByRole("region", { name: "Action required" })).toHaveCount(0);
  });

  expect(
    ((await (await megan.request.get("/api/connections")).json()) as { connection: { connectionId: string } })
      .connection.connectionId,
  ).toBe(connectionId);
  const actions = await auditActions(admin.request, DEMO_MEGAN.email);
  expect(actions.filter((a) => a === "reprompt.requested")).toHaveLength(2);
  expect(actions.filter((a) => a === "reprompt.completed")).toHaveLength(2);
  await admin.goto(`/admin/audit?email=${encodeURIComponent(DEMO_MEGAN.email)}`);
  await expect(admin.getByRole("rowheader", { name: "reprompt.completed" }).first()).toBeVisible();
  await expectAccessible(admin);
  await admin.context().close();
  await megan.context().close();
});

test("all users missing a required scope are re-prompted in bulk, and an admin can disconnect one", async ({
  browser,
  baseURL,
}) => {
  const admin = await signedIn(browser, baseURL, DEMO_ADMIN);
  const alexRow = await userRow(admin.request, DEMO_ALEX.email);
  // Alex's grant predates the Presence.Read scope: seed such a connection and deliver its webhook.
  const scopes = ["User.Read", "Team.ReadBasic.All", "Channel.ReadBasic.All", "ChannelMessage.Read.All", "Chat.Read"];
  const { connection } = await emulator<{ connection: { connection_id: string } }>("/nango/connections", {
    endUser: { id: alexRow!.id, email: DEMO_ALEX.email, displayName: DEMO_ALEX.name },
    tenantId: DEMO_TENANTS.contoso.id,
    scopes,
    ...(await microsoftTokens(DEMO_MICROSOFT_ACCOUNTS.alex.email, scopes)),
  });
  const body = authWebhook({
    connectionId: connection.connection_id,
    endUser: { id: alexRow!.id },
    tags: { end_user_id: alexRow!.id },
  });
  expect((await admin.request.post("/api/webhooks/nango", { data: body, headers: signWebhook(body) })).status()).toBe(
    200,
  );
  expect(await userRow(admin.request, DEMO_ALEX.email)).toMatchObject({
    health: "missing_scopes",
    missingScopes: ["Presence.Read"],
  });

  await admin.goto("/admin");
  await admin.getByLabel("Status").selectOption({ label: "Missing scopes" });
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin.getByRole("row", { name: new RegExp(DEMO_ALEX.name) })).toContainText("Presence.Read");
  await admin.getByRole("radio", { name: /All \d+ users matching this filter/ }).check();
  await admin.getByRole("button", { name: "Require consent" }).click();
  await admin.getByRole("button", { name: /Yes, re-prompt \d+ users/ }).click();
  await expect
    .poll(async () => (await userRow(admin.request, DEMO_ALEX.email))?.pendingReprompt?.prompt)
    .toBe("consent");
  expect(await auditActions(admin.request, DEMO_ALEX.email)).toContain("reprompt.requested");

  const row = admin.getByRole("row", { name: new RegExp(DEMO_ALEX.name) });
  await row.getByRole("button", { name: "Cancel request" }).click();
  await expect.poll(async () => (await userRow(admin.request, DEMO_ALEX.email))?.pendingReprompt ?? null).toBeNull();
  await admin.goto(`/admin?q=${encodeURIComponent(DEMO_ALEX.email)}`);
  await admin
    .getByRole("row", { name: new RegExp(DEMO_ALEX.name) })
    .getByRole("button", { name: "Disconnect" })
    .click();
  await admin.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect.poll(async () => (await userRow(admin.request, DEMO_ALEX.email))?.health).toBe("not_connected");
  const nango = new Nango({ secretKey: NANGO_SECRET_KEY, host: stack.NANGO_HOST });
  expect((await nango.listConnections()).connections.map((c) => c.connection_id)).not.toContain(
    connection.connection_id,
  );
  expect(await auditActions(admin.request, DEMO_ALEX.email)).toEqual(
    expect.arrayContaining(["reprompt.cancelled", "connection.disconnected"]),
  );
  await admin.context().close();
});

test("a user from a tenant outside the allowed list is refused, with the reason, and nothing is kept", async ({
  browser,
  baseURL,
}) => {
  const admin = await signedIn(browser, baseURL, DEMO_ADMIN);
  const ravi = DEMO_MICROSOFT_ACCOUNTS.ravi;
  await admin.goto("/admin/settings");
  await admin.getByLabel("Allowed tenants").fill(DEMO_TENANTS.contoso.id);
  await admin.getByRole("button", { name: "Save allowed tenants" }).click();
  await expect(admin.getByRole("status")).toBeVisible();
  try {
    const alex = await signedIn(browser, baseURL, DEMO_ALEX);
    await alex.goto("/connections");
    await alex.getByRole("button", { name: "Connect Microsoft Teams" }).click();
    const popup = await startMicrosoftPopup(alex);
    await completeMicrosoftPopup(popup, ravi);
    await connectUi(alex)
      .getByRole("button", { name: /Finish|Close/ })
      .first()
      .click();
    await expect(alertOn(alex)).toContainText("Your Microsoft organization is not allowed");
    await alex.reload();
    await expect(alex.getByText("Not connected")).toBeVisible();
    const nango = new Nango({ secretKey: NANGO_SECRET_KEY, host: stack.NANGO_HOST });
    const alexId = (await userRow(admin.request, DEMO_ALEX.email))!.id;
    await expect.poll(async () => (await nango.listConnections({ userId: alexId })).connections.length).toBe(0);
    expect(await auditActions(admin.request, DEMO_ALEX.email)).toContain("connection.refused_tenant");
    await alex.context().close();
  } finally {
    await admin.request.put("/api/admin/settings/allowed-tenants", {
      data: { tenants: [] },
      headers: { origin: baseURL! },
    });
  }
  expect(
    ((await (await admin.request.get("/api/admin/settings/allowed-tenants")).json()) as { tenants: string[] }).tenants,
  ).toEqual([]);
  await admin.context().close();
});

test("a non-admin gets 403 from every admin route and not-found from admin pages", async ({ page, baseURL }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  for (const route of ADMIN_API_ROUTES) {
    for (const method of route.methods) {
      const response = await page.request.fetch(route.path, {
        method,
        data: method === "GET" ? undefined : {},
        headers: { origin: baseURL! },
      });
      expect(response.status(), `${method} ${route.path}`).toBe(403);
      expect(await response.text()).not.toContain(DEMO_ALEX.email);
    }
  }
  for (const path of ["/admin", "/admin/audit", "/admin/settings", "/admin/tenants"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});
