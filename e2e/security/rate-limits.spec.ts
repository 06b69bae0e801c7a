/**
 * Per-user rate limits: Connect-session creation (10 a minute) and cache-skipping
 * refreshes (`?refresh=1`, 5 then 6 a minute) answer 429 with Retry-After when abused,
 * only for the abuser; ordinary browsing never meets a 429.
 */
import type { APIResponse, Browser, Page } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS } from "../../emulator/data/demo-accounts";
import { DEMO_ADMIN, DEMO_ALEX } from "../../lib/demo-accounts";
import { expect, test } from "../support/fixtures";
import { connected, env, signedIn } from "./support";

test.describe.configure({ mode: "serial" });

/**
 * A new app user, made by their first Microsoft sign-in: no other spec has spent their
 * refresh budget, so it is exactly full.
 */
async function newMicrosoftUser(browser: Browser, account: { name: string; email: string }): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: env.APP_URL })).newPage();
  await page.goto("/signin?callbackUrl=%2Fconnections");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await page.getByRole("button", { name: `Sign in as ${account.name} (${account.email})` }).click();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(/\/connections$/);
  return page;
}

/**
 * Sends `count` requests at once: the limiter takes its tokens when each request arrives,
 * so however slow the answers are, the budget cannot refill (1 token / 10 s) in between.
 */
async function statusesAtOnce(count: number, send: () => Promise<APIResponse>): Promise<number[]> {
  const responses = await Promise.all(Array.from({ length: count }, send));
  return responses.map((response) => response.status()).sort();
}

async function expectLimited(response: APIResponse) {
  expect(response.status()).toBe(429);
  const retryAfter = Number(response.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
}

test("Connect sessions: the 11th in a minute gets 429 with Retry-After; another user is unaffected", async ({
  browser,
}) => {
  // The admin: no other spec starts Connect sessions as the admin.
  const abuser = await signedIn(browser, DEMO_ADMIN);
  const start = () => abuser.request.post("/api/connect/session", { data: {}, headers: { origin: env.APP_URL } });
  expect(await statusesAtOnce(11, start)).toEqual([...Array(10).fill(200), 429]);
  await expectLimited(await start());
  const other = await signedIn(browser, DEMO_ALEX);
  expect(
    (await other.request.post("/api/connect/session", { data: {}, headers: { origin: env.APP_URL } })).status(),
  ).toBe(200);
  await abuser.context().close();
  await other.context().close();
});

test("refresh: abuse of ?refresh=1 gets 429 with Retry-After; plain reads and pages keep working", async ({
  browser,
}) => {
  // Exact budget on the admin (no other spec refreshes as the admin; the limiter runs before any Graph read).
  const admin = await signedIn(browser, DEMO_ADMIN);
  const first = await statusesAtOnce(5, () => admin.request.get("/api/teams?refresh=1"));
  expect(first.filter((status) => status === 429)).toEqual([]);
  await expectLimited(await admin.request.get("/api/me/presence?refresh=1"));
  await admin.context().close();

  // A connected user over budget: exactly 5 refreshes pass, the 6th is refused; cached reads and pages still answer.
  const lee = DEMO_MICROSOFT_ACCOUNTS.lee;
  const page = await newMicrosoftUser(browser, lee);
  await connected(page, lee);
  expect(await statusesAtOnce(6, () => page.request.get("/api/teams?refresh=1"))).toEqual([
    200, 200, 200, 200, 200, 429,
  ]);
  await expectLimited(await page.request.get("/api/teams?refresh=1"));
  expect((await page.request.get("/api/teams")).status()).toBe(200);
  const response = await page.goto("/dashboard?refresh=1");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.context().close();
});

test("normal use never meets a 429: a browsing session of 40 reads and a few refreshes", async ({ browser }) => {
  const page = await signedIn(browser, DEMO_ALEX);
  await connected(page, DEMO_MICROSOFT_ACCOUNTS.alex);
  const { teams } = (await (await page.request.get("/api/teams")).json()) as { teams: Array<{ id: string }> };
  const paths = [
    "/api/connections",
    "/api/me/presence",
    "/api/chats",
    "/api/teams",
    ...teams.slice(0, 4).map((t) => `/api/teams/${encodeURIComponent(t.id)}/channels`),
  ];
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) statuses.push((await page.request.get(paths[i % paths.length]!)).status());
  // A person pressing Refresh now and then: well inside the budget.
  for (let i = 0; i < 3; i++) statuses.push((await page.request.get("/api/teams?refresh=1")).status());
  for (const path of ["/dashboard", "/chats", "/connections"]) statuses.push((await page.goto(path))?.status() ?? 0);
  expect(statuses.filter((status) => status === 429)).toEqual([]);
  expect(statuses.filter((status) => status >= 400)).toEqual([]);
  await page.context().close();
});
