/**
 * Live updates (issue 15): Microsoft Graph change notifications, from the emulated Graph
 * to the app's endpoint, through the fan-out, to the open page over Server-Sent Events.
 * What Graph holds (subscriptions, their expiry) is read at the emulator; every message
 * is written by "someone else" through the emulator, as in Teams.
 */
import type { Page, Route } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_MEGAN } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import { ensureConnected } from "./support/connect-ui";
import { expect, test } from "./support/fixtures";
import {
  expectLive,
  expectNotReloaded,
  lifecycle,
  markPage,
  postAs,
  subscriptionFor,
  subscriptions,
} from "./support/live";
import { graphCallsSince } from "./security/support";
import { emulator } from "./support/stack";

test.describe.configure({ mode: "serial" });

const msMegan = DEMO_MICROSOFT_ACCOUNTS.megan;

interface Seeds {
  chat: { chatId: string; otherMemberEmail: string };
  channel: { teamId: string; channelId: string; messageId: string; otherMemberEmail: string };
}
let seeds: Seeds;
const chatResource = () => `/chats/${seeds.chat.chatId}/messages`;
const text = (what: string) => `${what} ${crypto.randomUUID().slice(0, 8)}`;
const chatMessages = (page: Page) => page.getByRole("list", { name: "Chat messages" });

test.beforeAll(async () => {
  seeds = (await emulator<{ imageSeeds: Seeds }>("/graph/dataset")).imageSeeds;
});

test.beforeEach(async ({ page }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  await ensureConnected(page, msMegan);
});

async function openChat(page: Page) {
  await page.goto(`/chats/${encodeURIComponent(seeds.chat.chatId)}`);
  await expect(chatMessages(page)).toBeVisible();
  await expectLive(page);
  await markPage(page);
}

test("a message someone else posts appears in Megan's open chat without a reload", async ({ page }) => {
  await openChat(page);
  const hello = text("Live hello");
  await postAs({ chatId: seeds.chat.chatId }, seeds.chat.otherMemberEmail, hello);
  await expect(chatMessages(page).getByText(hello)).toBeVisible();
  await expectNotReloaded(page);
  // Newest at the bottom, next to the message box.
  await expect(chatMessages(page).getByRole("article").last()).toContainText(hello);
});

test("the same chat open in Megan's second browser gets the message too", async ({ page, browser }) => {
  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await signInWithPassword(second, DEMO_MEGAN.email, DEMO_MEGAN.password);
    await openChat(page);
    await openChat(second);
    const hello = text("Both browsers");
    await postAs({ chatId: seeds.chat.chatId }, seeds.chat.otherMemberEmail, hello);
    await expect(chatMessages(page).getByText(hello)).toBeVisible();
    await expect(chatMessages(second).getByText(hello)).toBeVisible();
  } finally {
    await other.close();
  }
});

test("a channel gets new posts and replies in their thread without a reload", async ({ page }) => {
  const { teamId, channelId, messageId, otherMemberEmail } = seeds.channel;
  await page.goto(`/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}`);
  const posts = page.getByRole("list", { name: "Channel messages" });
  await expect(posts).toBeVisible();
  await expectLive(page);
  await markPage(page);
  const post = text("New thread");
  await postAs({ teamId, channelId }, otherMemberEmail, post);
  await expect(posts.getByRole("article").first()).toContainText(post);
  const reply = text("A reply");
  await postAs({ teamId, channelId, replyToId: messageId }, otherMemberEmail, reply);
  const thread = posts.getByRole("listitem").filter({ has: page.getByRole("list", { name: "Replies" }) });
  await expect(thread.getByRole("list", { name: "Replies" }).getByText(reply)).toBeVisible();
  await expectNotReloaded(page);
});

test("lifecycle events: reauthorizationRequired, subscriptionRemoved and missed each end with the chat correct", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openChat(page);
  const first = await subscriptionFor(chatResource());

  await lifecycle(first.id, "reauthorizationRequired");
  const afterReauth = text("After reauthorization");
  await postAs({ chatId: seeds.chat.chatId }, seeds.chat.otherMemberEmail, afterReauth);
  await expect(chatMessages(page).getByText(afterReauth)).toBeVisible();

  await lifecycle(first.id, "subscriptionRemoved");
  // The app subscribes again: Graph holds a new subscription for the chat.
  await expect
    .poll(async () => (await subscriptions(chatResource())).map((s) => s.id), { timeout: 20_000 })
    .not.toContain(first.id);
  await subscriptionFor(chatResource());
  const afterRemoval = text("After removal");
  await postAs({ chatId: seeds.chat.chatId }, seeds.chat.otherMemberEmail, afterRemoval);
  await expect(chatMessages(page).getByText(afterRemoval)).toBeVisible();

  // Graph loses the next notification, then says so (`missed`): the page reads what it missed.
  const current = await subscriptionFor(chatResource());
  await lifecycle(current.id, "missed", { dropNext: 1 });
  const lost = text("Lost notification");
  await postAs({ chatId: seeds.chat.chatId }, seeds.chat.otherMemberEmail, lost);
  await expect(chatMessages(page).getByText(lost)).toBeVisible();
  const after = await subscriptionFor(chatResource());
  expect(after.id).toBe(current.id);
  expect(after.counters.dropped, "the notification was really lost").toBeGreaterThan(current.counters.dropped);
  await expectNotReloaded(page);
});

test("an expiring subscription is renewed before it lapses, and messages keep arriving", async ({ page }) => {
  test.setTimeout(150_000);
  await openChat(page);
  const first = await subscriptionFor(chatResource());
  const firstExpiry = Date.parse(first.expirationDateTime);
  // The e2e stack asks for 45 s subscriptions: renewed with a third of that left.
  await expect
    .poll(async () => Date.parse((await subscriptionFor(chatResource())).expirationDateTime), { timeout: 60_000 })
    .toBeGreaterThan(firstExpiry);
  expect((await subscriptionFor(chatResource())).id).toBe(first.id);
  // Past the first expiry, the same subscription still delivers.
  await page.waitForTimeout(Math.max(0, firstExpiry - Date.now() + 1_000));
  const late = text("After the first expiry");
  await postAs({ chatId: seeds.chat.chatId }, seeds.chat.otherMemberEmail, late);
  await expect(chatMessages(page).getByText(late)).toBeVisible();
});

test("after a network drop the page reconnects and catches up", async ({ page, context }) => {
  await openChat(page);
  await context.setOffline(true);
  const during = text("Sent while offline");
  await postAs({ chatId: seeds.chat.chatId }, seeds.chat.otherMemberEmail, during);
  await page.waitForTimeout(1_500);
  await context.setOffline(false);
  await expect(chatMessages(page).getByText(during)).toBeVisible({ timeout: 15_000 });
  await expectNotReloaded(page);
});

test("the dashboard's recent chats reorder when one of them gets a message", async ({ page }) => {
  await page.goto("/dashboard");
  const recent = page.getByRole("list", { name: "Recent chats" });
  await expect(recent.getByRole("link").first()).toBeVisible();
  await expectLive(page);
  await markPage(page);
  const links = recent.getByRole("link");
  const third = decodeURIComponent((await links.nth(2).getAttribute("href"))!.replace("/chats/", ""));
  const news = text("Moves to the top");
  // Megan writes from her phone's Teams app: her own message, not through this app.
  await postAs({ chatId: third }, msMegan.email, news);
  await expect(links.first()).toHaveAttribute("href", `/chats/${encodeURIComponent(third)}`);
  await expect(recent.getByText(news)).toBeVisible();
  await expectNotReloaded(page);
});

test("a recent chat the dashboard does not follow moves to the top at its next check, one $batch for chats and presence", async ({
  page,
}) => {
  // The check runs every 30 s; the page shows what it brought without reading Graph again.
  test.setTimeout(90_000);
  await page.goto("/dashboard");
  const recent = page.getByRole("list", { name: "Recent chats" });
  const links = recent.getByRole("link");
  await expect(links).toHaveCount(8);
  await expectLive(page);
  await markPage(page);
  // The eighth has no subscription (the dashboard follows the five newest), and with
  // Graph's deliveries held no notification or lifecycle event can tell the app either:
  // only the check can. Refreshes that events delivered before the hold started finish first.
  const eighth = decodeURIComponent((await links.nth(7).getAttribute("href"))!.replace("/chats/", ""));
  await emulator("/graph/subscriptions/settings", { deliveries: "paused" });
  try {
    await page.waitForTimeout(2_000);
    const since = Date.now();
    const news = text("Back from the bottom");
    await postAs({ chatId: eighth }, msMegan.email, news);
    await expect(links.first()).toHaveAttribute("href", `/chats/${encodeURIComponent(eighth)}`, { timeout: 45_000 });
    await expect(recent.getByText(news)).toBeVisible();
    await expectNotReloaded(page);
    const reads = (await graphCallsSince(since)).map((call) => `${call.method} ${call.path}`);
    expect(reads).toContain("POST /v1.0/$batch");
    expect(reads, "chats and presence came in the check's $batch").not.toContain("GET /v1.0/me/chats");
    expect(reads, "chats and presence came in the check's $batch").not.toContain("GET /v1.0/me/presence");
  } finally {
    await emulator("/graph/subscriptions/settings", { deliveries: "on" });
  }
});

test("after Microsoft stopped accepting the connection, a reconnect makes a chat live again at once", async ({
  page,
}) => {
  // A chat nothing follows: the oldest of the first page, far from the newest five an open
  // dashboard (where signing in lands) follows, which it may still be subscribing to now.
  const { items } = (await (await page.request.get("/api/chats")).json()) as { items: Array<{ id: string }> };
  const followed = new Set((await subscriptions()).map((subscription) => subscription.resource));
  const chatId = items
    .slice(10)
    .reverse()
    .find((chat) => chat.id !== seeds.chat.chatId && !followed.has(`/chats/${chat.id}/messages`))!.id;
  const { connection } = (await (await page.request.get("/api/connections")).json()) as {
    connection: { connectionId: string };
  };
  // The chat is shown while all is well, its live stream held back until Microsoft
  // stopped accepting the connection. Who finds that out first is not ours to order: the
  // stream's subscribe call, or the app renewing Megan's other subscriptions (earlier
  // tests' pages wanted them) in the background. Either way the chat must end as a
  // snapshot and the connection as needs_reconnect, and neither may pause the chat.
  const held: Route[] = [];
  let holding = true;
  await page.route("**/api/live?**", (route) => (holding ? void held.push(route) : route.continue()));
  await page.goto(`/chats/${encodeURIComponent(chatId)}`);
  await expect(chatMessages(page)).toBeVisible();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await emulator("/microsoft/grants/revoke", { email: msMegan.email });
  await emulator(`/nango/connections/${connection.connectionId}/expire`, {});
  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  await expect(page.locator("[data-live-state]").first()).toHaveAttribute("data-live-state", "snapshot", {
    timeout: 20_000,
  });
  await expect
    .poll(async () => {
      const body = (await (await page.request.get("/api/connections")).json()) as { connection: { status: string } };
      return body.connection.status;
    })
    .toBe("needs_reconnect");
  await ensureConnected(page, msMegan);
  // At once, not after the minute's pause meant for Graph refusing a subscription itself.
  await page.goto(`/chats/${encodeURIComponent(chatId)}`);
  await expectLive(page);
  const hello = text("After reconnecting");
  // Megan writes from her phone's Teams app (she is in every chat).
  await postAs({ chatId }, msMegan.email, hello);
  await expect(chatMessages(page).getByText(hello)).toBeVisible();
});
