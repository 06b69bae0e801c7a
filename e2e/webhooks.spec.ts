import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_ALEX } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import { expect, test } from "./support/fixtures";
import { authWebhook, emulator, microsoftTokens, signWebhook, stack } from "./support/stack";

test.describe.configure({ mode: "serial" });

const tenantId = DEMO_MICROSOFT_ACCOUNTS.alex.tenantId;

async function appUserId(page: Page): Promise<string> {
  const session = (await (await page.request.get("/api/auth/session")).json()) as { uid: string };
  return session.uid;
}

/** A Nango connection as Alex's completed Connect would leave it: tokens Graph accepts (the app reads /me with them). */
async function seedNangoConnection(userId: string): Promise<string> {
  const tokens = await microsoftTokens(DEMO_MICROSOFT_ACCOUNTS.alex.email);
  const { connection } = await emulator<{ connection: { connection_id: string } }>("/nango/connections", {
    endUser: { id: userId, email: DEMO_ALEX.email, displayName: DEMO_ALEX.name },
    tenantId,
    ...tokens,
  });
  return connection.connection_id;
}

async function myConnection(request: APIRequestContext) {
  const body = (await (await request.get("/api/connections")).json()) as {
    connection: { status: string; connectionId: string; lastError: { code: string } | null } | null;
  };
  return body.connection;
}

test("signed webhooks are verified, applied once, and forgeries change nothing", async ({ page }) => {
  await signInWithPassword(page, DEMO_ALEX.email, DEMO_ALEX.password);
  await expect(page).toHaveURL(/dashboard/);
  const userId = await appUserId(page);
  expect((await page.request.delete("/api/connections", { headers: { origin: stack.APP_URL } })).ok()).toBe(true);
  const connectionId = await seedNangoConnection(userId);
  const creation = authWebhook({
    connectionId,
    operation: "creation",
    endUser: { id: userId, email: DEMO_ALEX.email },
    tags: { end_user_id: userId, end_user_email: DEMO_ALEX.email },
  });

  await test.step("missing, wrong-key and after-signing-altered signatures get 401 and store nothing", async () => {
    const missing = await page.request.post("/api/webhooks/nango", {
      data: creation,
      headers: { "content-type": "application/json" },
    });
    expect(missing.status()).toBe(401);
    const wrongKey = await page.request.post("/api/webhooks/nango", {
      data: creation,
      headers: signWebhook(creation, "not-the-key"),
    });
    expect(wrongKey.status()).toBe(401);
    const altered = creation.replace('"creation"', '"override"');
    const alteredResponse = await page.request.post("/api/webhooks/nango", {
      data: altered,
      headers: signWebhook(creation),
    });
    expect(alteredResponse.status()).toBe(401);
    const malformed = await page.request.post("/api/webhooks/nango", {
      data: creation,
      headers: { "content-type": "application/json", "x-nango-hmac-sha256": "zz-not-hex" },
    });
    expect(malformed.status()).toBe(401);
    expect(await myConnection(page.request)).toBeNull();
  });

  await test.step("an unknown end user is acknowledged and nothing is stored", async () => {
    const stranger = authWebhook({
      connectionId,
      operation: "creation",
      endUser: { id: "00000000-0000-4000-8000-000000000000" },
      tags: {},
    });
    const response = await page.request.post("/api/webhooks/nango", { data: stranger, headers: signWebhook(stranger) });
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { outcome: string }).outcome).toBe("unknown_user");
    expect(await myConnection(page.request)).toBeNull();
  });

  await test.step("20 concurrent duplicate deliveries store exactly one mapping", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        page.request.post("/api/webhooks/nango", { data: creation, headers: signWebhook(creation) }),
      ),
    );
    expect(responses.map((r) => r.status())).toEqual(Array(20).fill(200));
    const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((o) => o === "stored")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "stored").every((o) => o === "duplicate")).toBe(true);
    const connection = await myConnection(page.request);
    expect(connection).toMatchObject({ status: "connected", connectionId });
  });

  await test.step("a refresh failure Nango's connection does not show (stale, or sent out of order) changes nothing", async () => {
    const stale = authWebhook({
      connectionId,
      operation: "refresh",
      error: {
        type: "refresh_token_external_error",
        description: "An earlier refresh failed; the connection was repaired since.",
      },
    });
    const response = await page.request.post("/api/webhooks/nango", { data: stale, headers: signWebhook(stale) });
    expect(((await response.json()) as { outcome: string }).outcome).toBe("stale_refresh_failure");
    expect(await myConnection(page.request)).toMatchObject({ status: "connected", lastError: null });
  });

  await test.step("a refresh failure flips the status and the page shows the reconnect banner", async () => {
    // Nango's own state first: the connection's refresh has failed (errors, no credentials).
    await emulator(`/nango/connections/${connectionId}/refresh-exhausted`, {});
    const failure = authWebhook({
      connectionId,
      operation: "refresh",
      error: {
        type: "refresh_token_external_error",
        description: "AADSTS50173: The provided grant has expired due to it being revoked.",
      },
    });
    const response = await page.request.post("/api/webhooks/nango", { data: failure, headers: signWebhook(failure) });
    expect(((await response.json()) as { outcome: string }).outcome).toBe("marked_needs_reconnect");
    const connection = await myConnection(page.request);
    expect(connection).toMatchObject({ status: "needs_reconnect", lastError: { code: "grant_revoked" } });
    await page.goto("/connections");
    const banner = page.getByRole("region", { name: "Connection problem" });
    await expect(banner).toContainText("Your access was revoked in Microsoft");
    await expect(banner.getByRole("button", { name: "Reconnect" })).toBeVisible();
  });

  await test.step("a replayed old delivery changes nothing", async () => {
    const replay = await page.request.post("/api/webhooks/nango", { data: creation, headers: signWebhook(creation) });
    expect(((await replay.json()) as { outcome: string }).outcome).toBe("duplicate");
    expect((await myConnection(page.request))?.status).toBe("needs_reconnect");
  });

  await test.step("non-JSON and oversize bodies are refused", async () => {
    const notJson = "this is not json";
    // A Buffer is sent byte for byte (Playwright would JSON-encode a non-JSON string).
    expect(
      (
        await page.request.post("/api/webhooks/nango", { data: Buffer.from(notJson), headers: signWebhook(notJson) })
      ).status(),
    ).toBe(400);
    const huge = JSON.stringify({ type: "auth", padding: "x".repeat(300 * 1024) });
    expect((await page.request.post("/api/webhooks/nango", { data: huge, headers: signWebhook(huge) })).status()).toBe(
      413,
    );
  });
});
