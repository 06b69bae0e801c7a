import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_ADMIN, DEMO_MEGAN } from "../lib/demo-accounts";
import { attemptSignIn, expectSignedInAs, signInWithPassword } from "./support/auth";
import { alertOn, expect, expectAccessible, test } from "./support/fixtures";
import { stack } from "./support/stack";

const megan = DEMO_MEGAN;

test("a seeded user signs in with email and password, sees the app, and signs out", async ({ page }) => {
  await page.goto("/signin");
  await expectAccessible(page);
  await signInWithPassword(page, megan.email, megan.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectSignedInAs(page, megan.name);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
});

test("a protected page sends a signed-out visitor to sign in, then back", async ({ page }) => {
  await page.goto("/connections?tab=scopes");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(megan.email);
  await page.getByLabel("Password").fill(megan.password);
  await page.getByRole("button", { name: "Sign in with email" }).click();
  await expect(page).toHaveURL(/\/connections\?tab=scopes$/);
  await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();
});

test("wrong password and unknown account get the same message", async ({ page }) => {
  await attemptSignIn(page, megan.email, "not-the-password");
  const alert = alertOn(page);
  await expect(alert).toContainText("couldn't sign you in");
  const wrongPassword = await alert.textContent();

  await attemptSignIn(page, "nobody@example.com", "whatever");
  await expect(alertOn(page)).toHaveText(wrongPassword ?? "");
  await expect(page).toHaveURL(/\/signin/);
});

test("an admin sees the Admin area; a user gets not-found there", async ({ page, browser, baseURL }) => {
  const admin = DEMO_ADMIN;
  await signInWithPassword(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Users & connections", level: 1 })).toBeVisible();

  const context = await browser.newContext({ baseURL });
  const other = await context.newPage();
  await signInWithPassword(other, megan.email, megan.password);
  await expect(other).toHaveURL(/\/dashboard$/);
  const response = await other.goto("/admin");
  expect(response?.status()).toBe(404);
  await context.close();
});

test("Sign in with Microsoft (OpenID Connect) creates the user and signs them in", async ({ page }) => {
  const adele = DEMO_MICROSOFT_ACCOUNTS.adele;
  await page.goto("/signin?callbackUrl=%2Fconnections");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`^${stack.MICROSOFT_LOGIN_URL}/`));
  await page.getByRole("button", { name: `Sign in as ${adele.name} (${adele.email})` }).click();
  // First sign-in to this app: Microsoft asks Adele to consent to openid, profile and email.
  await expect(page.getByRole("heading", { name: "Permissions requested" })).toBeVisible();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expectSignedInAs(page, adele.name);
  await expect(page.getByText(adele.email)).toBeVisible();
});

test("the app's icons and manifest are served (public/ is in git)", async ({ request }) => {
  for (const [path, type] of [
    ["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/icon.svg", /image\/svg\+xml/],
    ["/apple-touch-icon.png", /image\/png/],
    ["/manifest.webmanifest", /application\/manifest\+json/],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
  }
});
