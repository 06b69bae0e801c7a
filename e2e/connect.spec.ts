import { Nango } from "@nangohq/node";
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_ALEX, DEMO_MEGAN } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import {
  acceptConsent,
  connectUi,
  finishConnectUi,
  pickMicrosoftAccount,
  popupClosed,
  startMicrosoftPopup,
} from "./support/connect-ui";
import { alertOn, expect, expectAccessible, test } from "./support/fixtures";
import { emulator, NANGO_SECRET_KEY, stack } from "./support/stack";

const msMegan = DEMO_MICROSOFT_ACCOUNTS.megan;
const nango = new Nango({ secretKey: NANGO_SECRET_KEY, host: stack.NANGO_HOST });

async function connectionId(page: import("@playwright/test").Page): Promise<string | null> {
  const response = await page.request.get("/api/connections");
  const body = (await response.json()) as { connection: { connectionId: string } | null };
  return body.connection?.connectionId ?? null;
}

test.describe.configure({ mode: "serial" });

test("connect, reload, reconnect, switch account and disconnect", async ({ page }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  // Start from "not connected" and no consent at Microsoft, whatever earlier specs left behind.
  expect((await page.request.delete("/api/connections", { headers: { origin: stack.APP_URL } })).ok()).toBe(true);
  await emulator("/microsoft/consents/withdraw", { email: msMegan.email });
  await page.goto("/connections");
  await expect(page.getByText("Not connected")).toBeVisible();
  await expectAccessible(page);

  await test.step("connect through the Connect UI, Microsoft sign-in and consent", async () => {
    await page.getByRole("button", { name: "Connect Microsoft Teams" }).click();
    await expect(connectUi(page).getByRole("heading", { name: /Microsoft Teams/ })).toBeVisible();
    const popup = await startMicrosoftPopup(page);
    await pickMicrosoftAccount(popup, msMegan.name, msMegan.email);
    await acceptConsent(popup);
    await popupClosed(popup);
    await finishConnectUi(page);
    await expect(page.getByText("Connected", { exact: true })).toBeVisible();
    await expect(page.getByText(msMegan.email)).toBeVisible();
    await expect(page.getByRole("list", { name: "Granted permissions" })).toContainText("Chat.Read");
  });
  const firstId = await connectionId(page);
  expect(firstId).toMatch(/^[0-9a-f-]{36}$/);

  await test.step("a reload keeps the connection", async () => {
    await page.reload();
    await expect(page.getByText("Connected", { exact: true })).toBeVisible();
    await expect(page.getByText(msMegan.email)).toBeVisible();
  });

  await test.step("reconnect keeps the same connection id and skips pages already satisfied", async () => {
    await page.getByRole("button", { name: "Reconnect", exact: true }).click();
    const popup = await startMicrosoftPopup(page, "Reconnect");
    // Signed in at Microsoft and consent already granted: no page to show.
    await popupClosed(popup);
    await finishConnectUi(page);
    expect(await connectionId(page)).toBe(firstId);
  });

  await test.step("switch account forces Microsoft's sign-in page", async () => {
    await page.getByRole("button", { name: "Switch account" }).click();
    const popup = await startMicrosoftPopup(page, "Reconnect");
    await pickMicrosoftAccount(popup, msMegan.name, msMegan.email);
    await popupClosed(popup);
    await finishConnectUi(page);
    expect(await connectionId(page)).toBe(firstId);
  });

  await test.step("disconnect removes the Nango connection and the mapping", async () => {
    await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByRole("button", { name: "Yes, disconnect" }).click();
    await expect(page.getByText("Not connected")).toBeVisible();
    const { connections } = await nango.listConnections();
    expect(connections.map((c) => c.connection_id)).not.toContain(firstId);
  });
});

test("closing the Connect UI cancels without connecting", async ({ page }) => {
  await signInWithPassword(page, DEMO_ALEX.email, DEMO_ALEX.password);
  await page.goto("/connections");
  await page.getByRole("button", { name: "Connect Microsoft Teams" }).click();
  await connectUi(page).getByRole("button", { name: "Close" }).click();
  await expect(page.locator("#connect-ui")).toHaveCount(0);
  await expect(alertOn(page)).toHaveText("Connecting was cancelled. You can try again at any time.");
  await expect(page.getByText("Not connected")).toBeVisible();
});

// A tenant that requires an administrator's approval: e2e/enterprise.spec.ts.
