import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export async function signInWithPassword(page: Page, email: string, password: string, path = "/signin") {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in with email" }).click();
}

export async function expectSignedInAs(page: Page, name: string) {
  await expect(page.getByLabel("Signed in user")).toContainText(name);
}
