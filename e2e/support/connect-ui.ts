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
