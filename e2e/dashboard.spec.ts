import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_MEGAN } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import { ensureConnected } from "./support/connect-ui";
import { expect, expectAccessible, test } from "./support/fixtures";
import { emulator } from "./support/stack";

const msMegan = DEMO_MICROSOFT_ACCOUNTS.megan;

test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  await ensureConnected(page, msMegan);
});

test("the dashboard shows every joined team, recent chats and presence", async ({ page }) => {
  await page.goto("/dashboard");
  const teams = page.getByRole("list", { name: "Joined teams" });
  await expect(teams.getByRole("link")).toHaveCount(8);
  await expect(teams).toContainText("Mark 8 Project Team");
  await expect(teams).toContainText("Archived");
  await expect(teams).not.toContainText("Leadership");
  await expect(page.getByRole("list", { name: "Recent chats" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByLabel(/Your Teams presence/)).toBeVisible();
  await expectAccessible(page);
});

test("a returning user's dashboard asks Graph once: teams with channel counts, chats and presence in one $batch", async ({
  page,
}) => {
  // Seen once: the app now remembers Megan's teams.
  await page.goto("/dashboard");
  const teams = page.getByRole("list", { name: "Joined teams" });
  await expect(teams.getByText(/^\d+ channels?$/)).toHaveCount(8);
  await emulator("/counters", undefined, "DELETE");
  // A refresh reads everything again, as a view after the cache expired does.
  await page.goto("/dashboard?refresh=1");
  await expect(teams.getByText(/^\d+ channels?$/)).toHaveCount(8);
  await expect(page.getByRole("list", { name: "Recent chats" }).getByRole("listitem")).toHaveCount(8);
  await expect(page.getByLabel(/Your Teams presence/)).toBeVisible();
  const { byRoute } = await emulator<{ byRoute: Record<string, number> }>("/counters?service=graph");
  // The live stream's subscriptions are not the page's reads.
  const reads = Object.fromEntries(Object.entries(byRoute).filter(([route]) => !route.includes("/subscriptions")));
  expect(reads).toEqual({ "POST /v1.0/$batch": 1 });
});

test("all chats lists every chat across pages, and filters by name", async ({ page }) => {
  await page.goto("/chats");
  await expect(page.getByRole("status").filter({ hasText: /All \d+ chats loaded/ })).toHaveText(
    /All 130 chats loaded/,
    { timeout: 30_000 },
  );
  // A virtual list: only the rows near the screen are in the page, each saying its place
  // in the whole set; scrolling to the end brings the last one.
  const rows = page.getByRole("list", { name: "Chats" }).getByRole("listitem");
  await expect(rows.first()).toHaveAttribute("aria-setsize", "130");
  expect(await rows.count()).toBeLessThan(130);
  // Rows are measured as they render, so the end may move once more: scroll again, as a user would.
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(rows.last()).toHaveAttribute("aria-posinset", "130", { timeout: 1_000 });
    await expect(rows.last()).toBeInViewport({ timeout: 1_000 });
  }).toPass();
  await page.getByLabel("Filter chats by name").fill("Hiring loop");
  await expect(rows.first()).toContainText("Hiring loop");
  await expect(page.getByRole("status").filter({ hasText: /Showing \d+\./ })).toBeVisible();
  const shown = Number(await rows.first().getAttribute("aria-setsize"));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(130);
  await expect(rows).toHaveCount(shown);
  for (const row of await rows.all()) await expect(row).toContainText(/Hiring loop/i);
  await expectAccessible(page);
});

test("a list that Graph cuts short keeps what loaded, says so, and Continue loading finishes it", async ({ page }) => {
  // Graph refuses every later page (as it does an expired $skiptoken). Refresh reads every
  // page from Graph, not from what the test before left in the cache.
  await emulator("/faults", { service: "graph", path: "^/v1\\.0/me/chats$", query: "\\$skiptoken=", status: 400 });
  const status = page.getByRole("status").filter({ hasText: /chats/ });
  try {
    await page.goto("/chats?refresh=1");
    await expect(page.getByRole("alert").filter({ hasText: "Not every chat could be loaded." })).toContainText(
      "Microsoft Teams rejected the request.",
      { timeout: 30_000 },
    );
    await expect(status).toHaveText("Loaded 50 chats…");
    await expect(page.getByRole("list", { name: "Chats" }).getByRole("listitem").first()).toHaveAttribute(
      "aria-setsize",
      "50",
    );
  } finally {
    await emulator("/faults", undefined, "DELETE");
  }
  await page.getByRole("button", { name: "Continue loading" }).click();
  await expect(status).toHaveText(/All 130 chats loaded/, { timeout: 30_000 });
  await expect(page.getByRole("alert").filter({ hasText: "Not every chat could be loaded." })).toHaveCount(0);
});

test("team, channel and chat pages render messages", async ({ page }) => {
  await page.goto("/dashboard");
  await page
    .getByRole("list", { name: "Joined teams" })
    .getByRole("link", { name: /Mark 8 Project Team/ })
    .click();
  await expect(page.getByRole("heading", { name: "Mark 8 Project Team", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("list", { name: "Channels" }).getByRole("link").first().click();
  const channelMessages = page.getByRole("list", { name: "Channel messages" });
  await expect(channelMessages.getByRole("article").first()).toBeVisible();
  await expectAccessible(page);

  await page.goto("/chats");
  await page.getByRole("list", { name: "Chats" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /Members \(\d+\)/ })).toBeVisible();
  const messages = page.getByRole("list", { name: "Chat messages" }).getByRole("article");
  await expect(messages.first()).toBeVisible();
  const before = await messages.count();
  await page.getByRole("button", { name: "Load older" }).click();
  await expect.poll(() => messages.count()).toBeGreaterThan(before);
  await expect(page.locator("script", { hasText: "alert(" })).toHaveCount(0);
});

test("when Graph throttles, a refresh keeps what was shown and a new view says when to try again", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page.getByRole("list", { name: "Joined teams" }).getByRole("link")).toHaveCount(8);
  await emulator("/faults", {
    service: "graph",
    path: "^/v1\\.0/(me/joinedTeams|\\$batch|teams/[^/]+/channels/[^/]+/messages)",
    status: 429,
    rate: 1,
  });
  try {
    await page.goto("/dashboard?refresh=1");
    await expect(page.getByRole("list", { name: "Joined teams" }).getByRole("link")).toHaveCount(8);
    await expect(page.getByRole("alert").filter({ hasText: "Microsoft Teams is busy" })).toHaveCount(0);

    // A channel nobody opened yet has nothing to fall back on.
    await page
      .getByRole("list", { name: "Joined teams" })
      .getByRole("link", { name: /Sales and Marketing/ })
      .click();
    await page.getByRole("list", { name: "Channels" }).getByRole("link").last().click();
    const alert = page.getByRole("alert").filter({ hasText: "Microsoft Teams is busy" });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert).toContainText(/Try again in \d+ seconds/);
  } finally {
    await emulator("/faults", undefined, "DELETE");
  }
});

test("a revoked grant leads to the reconnect banner", async ({ page }) => {
  const { connection } = (await (await page.request.get("/api/connections")).json()) as {
    connection: { connectionId: string };
  };
  await emulator("/microsoft/grants/revoke", { email: msMegan.email });
  await emulator(`/nango/connections/${connection.connectionId}/expire`, {});
  await page.goto("/dashboard?refresh=1");
  await expect(page.getByText(/Reconnect Microsoft Teams/).first()).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(
      async () =>
        ((await (await page.request.get("/api/connections")).json()) as { connection: { status: string } }).connection
          .status,
    )
    .toBe("needs_reconnect");
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Connection problem" })).toBeVisible();
  // Reconnecting restores the dashboard (Microsoft asks for consent again after a revocation).
  await ensureConnected(page, msMegan);
  await page.goto("/dashboard");
  await expect(page.getByRole("list", { name: "Joined teams" }).getByRole("link")).toHaveCount(8);
});
