// The emulated Connect UI in real Chromium, opened by the real @nangohq/frontend from a
// plain host page, through the emulated Microsoft sign-in / consent pages in the popup.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { Nango } from "@nangohq/node";
import { build } from "esbuild";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../../test-support/chromium";
import { DEMO_TENANTS } from "../data/demo-accounts";
import { startReceiver } from "../nango/test/receiver";
import { startTestEmulator, type TestEmulator } from "../testing";

const SECRET_KEY = "emulator-secret-key-0000000000000000";
const KEY = "microsoft-teams";

let emulator: TestEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let host: http.Server;
let hostUrl: string;
let browser: Browser;
let context: BrowserContext;
let nango: Nango;

/** The customer's page: nothing but the real frontend SDK on window. */
async function startHostPage(): Promise<void> {
  const bundle = await build({
    stdin: {
      contents: "import Nango from '@nangohq/frontend'; window.Nango = Nango;",
      resolveDir: path.resolve(import.meta.dirname, "../.."),
    },
    bundle: true,
    write: false,
    format: "iife",
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]!.text;
  host = http.createServer((req, res) => {
    if (req.url === "/sdk.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(
        '<!doctype html><html lang="en"><head><title>Host</title><script src="/sdk.js"></script></head><body><h1>Host app</h1></body></html>',
      );
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
}

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startTestEmulator({ EMULATOR_WEBHOOK_URL: `${receiver.url}/hooks`, NANGO_SECRET_KEY: SECRET_KEY });
  nango = new Nango({ secretKey: SECRET_KEY, host: emulator.origins.nango });
  await startHostPage();
  browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await receiver?.close();
  await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
});

beforeEach(async () => {
  await context?.close();
  context = await browser.newContext();
});

type UiEvent = { type: string; payload?: Record<string, unknown> };

async function openConnectUI(token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(hostUrl);
  await page.evaluate(
    ({ token, baseURL, apiURL }) => {
      const w = window as unknown as {
        Nango: new (o: object) => { openConnectUI(o: object): unknown };
        events: unknown[];
      };
      w.events = [];
      new w.Nango({ connectSessionToken: token }).openConnectUI({
        baseURL,
        apiURL,
        onEvent: (e: unknown) => w.events.push(e),
      });
    },
    { token, baseURL: emulator.origins.connectUi, apiURL: emulator.origins.nango },
  );
  return page;
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: UiEvent[] }).events);
async function waitForEvent(page: Page, type: string): Promise<UiEvent> {
  await page.waitForFunction(
    (t) => (window as unknown as { events: UiEvent[] }).events.some((e) => e.type === t),
    type,
    { timeout: 20_000 },
  );
  return (await events(page)).find((e) => e.type === type)!;
}

async function signIn(popup: Page, email: string): Promise<void> {
  await popup.getByRole("heading", { name: "Sign in" }).waitFor();
  await popup.getByLabel("Email, phone, or Skype").fill(email);
  await popup.getByLabel("Password").fill("password");
  await popup.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function session(endUserId: string) {
  return (
    await nango.createConnectSession({
      end_user: { id: endUserId, email: `${endUserId}@example.com` },
      allowed_integrations: [KEY],
    })
  ).data.token;
}

describe("Connect UI in Chromium", () => {
  it("connects through Microsoft sign-in and consent", async () => {
    const page = await openConnectUI(await session("browser-ok"));
    const ui = page.frameLocator("#connect-ui");
    await ui.getByRole("heading", { name: "Microsoft Teams" }).waitFor();
    expect((await events(page)).map((e) => e.type)).toContain("ready");

    const popupOpened = context.waitForEvent("page");
    await ui.getByRole("button", { name: "Connect" }).click();
    const popup = await popupOpened;
    await signIn(popup, "megan@contoso.example");
    await popup.getByRole("heading", { name: "Permissions requested" }).waitFor();
    await popup.getByRole("button", { name: "Accept" }).click();

    const connect = await waitForEvent(page, "connect");
    expect(connect.payload).toEqual({ providerConfigKey: KEY, connectionId: expect.any(String), isPending: false });
    await ui.getByRole("heading", { name: "Connected" }).waitFor();

    // The post-connection hook runs after the success (as in Nango): tenantId follows.
    await emulator.control("/nango/webhooks/flush", {});
    const connection = await nango.getConnection(KEY, connect.payload!.connectionId as string);
    expect(connection.connection_config).toMatchObject({ tenantId: DEMO_TENANTS.contoso.id });
    expect(connection.end_user).toMatchObject({ id: "browser-ok" });
    // The token Microsoft issued works against the emulated Graph through the proxy.
    const me = await nango.get<{ mail: string }>({
      endpoint: "/v1.0/me",
      connectionId: connection.connection_id,
      providerConfigKey: KEY,
    });
    expect(me.data.mail).toBe("megan@contoso.example");
    // Within 15 minutes of expiry the proxy refreshes first (Microsoft rotates the refresh token).
    const before = await nango.getConnection(KEY, connection.connection_id, false, true);
    await emulator.control(`/nango/connections/${connection.connection_id}/expire`, { expiresInSeconds: 60 });
    expect(
      (await nango.get({ endpoint: "/v1.0/me", connectionId: connection.connection_id, providerConfigKey: KEY }))
        .status,
    ).toBe(200);
    const after = await nango.getConnection(KEY, connection.connection_id, false, true);
    const creds = (c: typeof before) => c.credentials as { access_token: string; refresh_token: string };
    expect(creds(after).access_token).not.toBe(creds(before).access_token);
    expect(creds(after).refresh_token).not.toBe(creds(before).refresh_token);
    await emulator.control("/nango/webhooks/flush", {});
    const hook = receiver.received
      .map((r) => JSON.parse(r.body))
      .find((b) => b.connectionId === connect.payload!.connectionId);
    expect(hook).toMatchObject({ operation: "creation", success: true, endUser: { endUserId: "browser-ok" } });

    await ui.getByRole("button", { name: "Finish" }).click();
    await waitForEvent(page, "close");
    await page.waitForFunction(() => !document.getElementById("connect-ui"));
  });

  it("closes when the user cancels", async () => {
    const page = await openConnectUI(await session("browser-cancel"));
    const ui = page.frameLocator("#connect-ui");
    await ui.getByRole("heading", { name: "Microsoft Teams" }).waitFor();
    await ui.getByRole("button", { name: "Close" }).click();
    await waitForEvent(page, "close");
    await page.waitForFunction(() => !document.getElementById("connect-ui"));
  });

  it("a non-admin in a strict tenant meets 'Need admin approval' in the popup; returning without consent is a provider error", async () => {
    const page = await openConnectUI(await session("browser-admin"));
    const ui = page.frameLocator("#connect-ui");
    await ui.getByRole("heading", { name: "Microsoft Teams" }).waitFor();
    const popupOpened = context.waitForEvent("page");
    await ui.getByRole("button", { name: "Connect" }).click();
    // Fabrikam users may consent to nothing; Sara is not an admin.
    const popup = await popupOpened;
    await signIn(popup, "sara@fabrikam.example");
    await popup.getByRole("heading", { name: "Need admin approval" }).waitFor();
    // The page stays open: the Connect UI has heard nothing yet.
    expect((await events(page)).filter((e) => e.type === "error" || e.type === "connect")).toEqual([]);
    await popup.getByRole("link", { name: "Return to the application without granting consent" }).click();

    const error = await waitForEvent(page, "error");
    expect(error.payload).toMatchObject({
      errorType: expect.any(String),
      errorMessage: expect.stringMatching(/AADSTS65004/),
    });
    await ui.getByRole("heading", { name: "Connection failed" }).waitFor();
    await ui.getByRole("button", { name: "Try again" }).click();
    await ui.getByRole("button", { name: "Connect" }).waitFor();
  });

  it("behind the redirect control, the tenant's admin requirement comes back as AADSTS90094 at once", async () => {
    await emulator.control(`/microsoft/tenants/${DEMO_TENANTS.fabrikam.id}/policy`, { adminApprovalRedirect: true });
    try {
      const page = await openConnectUI(await session("browser-admin-redirect"));
      const ui = page.frameLocator("#connect-ui");
      await ui.getByRole("heading", { name: "Microsoft Teams" }).waitFor();
      const popupOpened = context.waitForEvent("page");
      await ui.getByRole("button", { name: "Connect" }).click();
      await signIn(await popupOpened, "sara@fabrikam.example");
      const error = await waitForEvent(page, "error");
      expect(error.payload).toMatchObject({
        errorType: expect.any(String),
        errorMessage: expect.stringMatching(/^AADSTS90094/),
      });
      await ui.getByRole("heading", { name: "Connection failed" }).waitFor();
      expect(await ui.getByRole("alert").textContent()).toMatch(/^AADSTS90094/);
    } finally {
      await emulator.control(`/microsoft/tenants/${DEMO_TENANTS.fabrikam.id}/policy`, { adminApprovalRedirect: false });
    }
  });

  it("reconnects the same connection", async () => {
    const first = await openConnectUI(await session("browser-re"));
    let ui = first.frameLocator("#connect-ui");
    let popupOpened = context.waitForEvent("page");
    await ui.getByRole("button", { name: "Connect" }).click();
    let popup = await popupOpened;
    await signIn(popup, "alex@contoso.example");
    await popup.getByRole("button", { name: "Accept" }).click();
    const created = await waitForEvent(first, "connect");
    const connectionId = created.payload!.connectionId as string;

    const token = (await nango.createReconnectSession({ connection_id: connectionId, integration_id: KEY })).data.token;
    const second = await openConnectUI(token);
    ui = second.frameLocator("#connect-ui");
    await ui.getByText("Reconnecting an existing connection").waitFor();
    popupOpened = context.waitForEvent("page");
    await ui.getByRole("button", { name: "Reconnect" }).click();
    popup = await popupOpened;
    // Microsoft may remember the account and the consent (then the popup closes by itself);
    // otherwise finish whatever it asks.
    const connected = waitForEvent(second, "connect");
    const signedIn = popup
      .getByRole("heading", { name: "Sign in" })
      .waitFor({ timeout: 5000 })
      .then(() => signIn(popup, "alex@contoso.example"))
      .catch(() => undefined);
    await Promise.race([signedIn, connected]);
    if (!(await events(second)).some((e) => e.type === "connect")) {
      const accepted = popup
        .getByRole("button", { name: "Accept" })
        .click({ timeout: 5000 })
        .catch(() => undefined);
      await Promise.race([accepted, connected]);
    }
    const reconnected = await waitForEvent(second, "connect");
    expect(reconnected.payload!.connectionId).toBe(connectionId);
    await emulator.control("/nango/webhooks/flush", {});
    const ops = receiver.received
      .map((r) => JSON.parse(r.body))
      .filter((b) => b.connectionId === connectionId)
      .map((b) => b.operation);
    expect(ops).toEqual(["creation", "override"]);
  });
});
