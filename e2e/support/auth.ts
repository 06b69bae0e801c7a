import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Submits the sign-in form; the outcome is for the caller to check. */
export async function attemptSignIn(page: Page, email: string, password: string, path = "/signin") {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in with email" }).click();
}

/**
 * Signs in and waits until the app has moved past the sign-in page. The first sign-in
 * of a fresh server loads next-auth, bcrypt and the database pool; on a loaded 2-core
 * machine that alone can pass the 10 s default.
 */
export async function signInWithPassword(page: Page, email: string, password: string, path = "/signin") {
  await attemptSignIn(page, email, password, path);
  await expect(page).not.toHaveURL(/\/signin/, { timeout: 30_000 });
}

export async function expectSignedInAs(page: Page, name: string) {
  await expect(page.getByLabel("Signed in user")).toContainText(name);
}
