import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** The Connect UI iframe that @nangohq/frontend mounts over the page. */
export function connectUi(page: Page) {
  return page.frameLocator("#connect-ui");
}

/**
 * Clicks Connect in the Connect UI and returns the Microsoft popup it opens.
 */
export async function startMicrosoftPopup(page: Page, buttonName: "Connect" | "Reconnect" = "Connect") {
  const popupPromise = page.waitForEvent("popup");
  await connectUi(page).getByRole("button", { name: buttonName, exact: true }).click();
  return popupPromise;
}

/** Signs in on the emulated Microsoft page by picking the demo account. */
export async function pickMicrosoftAccount(popup: Page, name: string, email: string) {
  await expect(popup.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await popup.getByRole("button", { name: `Sign in as ${name} (${email})` }).click();
}

export async function acceptConsent(popup: Page) {
  await expect(popup.getByRole("heading", { name: "Permissions requested" })).toBeVisible();
  await popup.getByRole("button", { name: "Accept" }).click();
}

/** Waits for the Connect UI's success screen and closes it. */
export async function finishConnectUi(page: Page) {
  await connectUi(page).getByRole("button", { name: "Finish" }).click();
  await expect(page.locator("#connect-ui")).toHaveCount(0);
}

/** The Microsoft popup closes itself when done; it may already be gone when we look. */
export async function popupClosed(popup: Page) {
  if (!popup.isClosed()) await popup.waitForEvent("close");
}

/**
 * Answers whatever the Microsoft popup shows (sign-in, consent, or nothing when both are
 * already satisfied) until it closes.
 */
export async function completeMicrosoftPopup(popup: Page, account: { name: string; email: string }) {
  while (!popup.isClosed()) {
    const signIn = popup.getByRole("button", { name: `Sign in as ${account.name} (${account.email})` });
    const accept = popup.getByRole("button", { name: "Accept" });
    const next = await Promise.race([
      signIn.waitFor({ timeout: 15_000 }).then(() => "sign-in" as const),
      accept.waitFor({ timeout: 15_000 }).then(() => "consent" as const),
      popup.waitForEvent("close", { timeout: 15_000 }).then(() => "closed" as const),
    ]).catch(() => (popup.isClosed() ? ("closed" as const) : ("stuck" as const)));
    if (next === "closed") return;
    if (next === "stuck") throw new Error(`Microsoft popup stuck at ${popup.url()}`);
    await (next === "sign-in" ? signIn : accept).click().catch(() => undefined);
  }
}

/** Makes sure the signed-in app user has a working Teams connection, connecting through the real UI if not. */
export async function ensureConnected(page: Page, account: { name: string; email: string }) {
  const response = await page.request.get("/api/connections");
  const { connection } = (await response.json()) as { connection: { status: string } | null };
  if (connection?.status === "connected") return;
  await page.goto("/connections");
  await page
    .getByRole("button", { name: connection ? "Reconnect" : "Connect Microsoft Teams", exact: true })
    .first()
    .click();
  const popup = await startMicrosoftPopup(page, connection ? "Reconnect" : "Connect");
  await completeMicrosoftPopup(popup, account);
  await finishConnectUi(page);
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
}
