/**
 * Writing to Teams through the UI (issue 14): the composer, mentions, channel posts and
 * thread replies, reactions, inline images, and the first send of a user who granted
 * only the read permissions. What was posted is counted at the emulator, never taken
 * from the app. Megan starts without the write permission (e2e/writes-api.spec.ts uses
 * Alex for the API so as not to grant it to her).
 */
import type { Page } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_MEGAN } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import { completeMicrosoftPopup, connectUi, ensureConnected, finishConnectUi } from "./support/connect-ui";
import { alertOn, expect, test } from "./support/fixtures";
import { expectLive, expectNotReloaded, markPage } from "./support/live";
import { emulator } from "./support/stack";
import { postsIn } from "./support/writes";

test.describe.configure({ mode: "serial" });

const msMegan = DEMO_MICROSOFT_ACCOUNTS.megan;

interface ImageSeeds {
  chat: { chatId: string; messageId: string };
  channel: { teamId: string; channelId: string; messageId: string };
}
let seeds: ImageSeeds;

test.beforeAll(async () => {
  seeds = (await emulator<{ imageSeeds: ImageSeeds }>("/graph/dataset")).imageSeeds;
});

test.beforeEach(async ({ page }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  await ensureConnected(page, msMegan);
});

test.afterEach(async () => {
  await emulator("/graph/write-faults", { reset: true });
});

const token = () => `t${crypto.randomUUID().slice(0, 8)}`;
const chatPath = () => `/chats/${encodeURIComponent(seeds.chat.chatId)}`;
const channelPath = () =>
  `/teams/${encodeURIComponent(seeds.channel.teamId)}/channels/${encodeURIComponent(seeds.channel.channelId)}`;
/** The chat's messages as the server answered them (not the one still being sent). */
const chatMessages = (page: Page) =>
  page.getByRole("list", { name: "Chat messages" }).getByRole("article", { name: /^Message from / });
const pendingMessage = (page: Page) => page.getByRole("article", { name: "Your message, sending" });
const composer = (page: Page, name = "Message") => page.getByRole("textbox", { name, exact: true });
const chatPosts = async (text: string) =>
  (await postsIn({ chatId: seeds.chat.chatId })).filter((post) => post.html.includes(text));

test("a user connected with read scopes only sends for the first time: the Connect UI asks for the extra permission, the message is sent, reading never broke", async ({
  page,
}) => {
  await page.goto("/connections");
  await expect(page.getByTestId("write-permission")).not.toHaveText("Allowed");
  await page.goto(chatPath());
  await expect(chatMessages(page).first()).toBeVisible();
  const text = `First message ${token()}`;
  await composer(page).fill(text);
  await composer(page).press("Enter");

  // The send was refused for want of the permission: the Connect UI asks for it.
  await expect(page.getByRole("status").filter({ hasText: "needs your permission" })).toBeVisible();
  await expect(chatMessages(page).first()).toBeVisible();
  // Cancelled: nothing is sent, the text stays in the box with the reason.
  await connectUi(page).getByRole("button", { name: "Close" }).click();
  await expect(page.locator("#connect-ui")).toHaveCount(0);
  await expect(alertOn(page)).toContainText("did not get your permission to send");
  await expect(composer(page)).toHaveValue(text);
  expect(await chatPosts(text)).toHaveLength(0);

  // Retried: asked again, granted, and sent.
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("status").filter({ hasText: "needs your permission" })).toBeVisible();
  const popup = page.waitForEvent("popup");
  await connectUi(page).getByRole("button", { name: "Reconnect", exact: true }).click();
  await completeMicrosoftPopup(await popup, msMegan);
  await finishConnectUi(page);

  // The same message, resent with the same key once the permission was granted.
  await expect(chatMessages(page).last()).toContainText(text);
  await expect(pendingMessage(page)).toHaveCount(0);
  await expect.poll(async () => (await chatPosts(text)).length).toBe(1);
  await page.reload();
  await expect(chatMessages(page).filter({ hasText: text })).toHaveCount(1);
  await expect(chatMessages(page).first()).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByRole("list", { name: "Joined teams" }).getByRole("link").first()).toBeVisible();
  await page.goto("/connections");
  await expect(page.getByTestId("write-permission")).toHaveText("Allowed");
});

test("Megan sends a chat message with two mentions; it shows at the bottom, and once after a reload", async ({
  page,
}) => {
  await page.goto(chatPath());
  const members = page.getByRole("list", { name: "Chat members" }).getByRole("listitem");
  await expect(members.first()).toBeVisible();
  const memberNames = await members.locator("span.font-medium").allTextContents();
  // One mention of the chat's other member, one of someone in the organisation outside the chat.
  const first = memberNames.find((name) => name !== msMegan.name)!;
  const second = [DEMO_MICROSOFT_ACCOUNTS.adele, DEMO_MICROSOFT_ACCOUNTS.lee, DEMO_MICROSOFT_ACCOUNTS.alex]
    .map((account) => account.name)
    .find((name) => !memberNames.includes(name))!;

  // Sending is held at the browser until the pending message has been seen.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/chats/*/messages", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });

  const box = composer(page);
  const text = token();
  await box.fill("Hi ");
  // First mention with the keyboard: the chat's members are offered first.
  await box.pressSequentially(`@${first.slice(0, -2)}`);
  const picker = page.getByRole("listbox", { name: "People to mention" });
  await expect(picker.getByRole("option", { selected: true })).toContainText(first);
  await expect(picker.getByRole("option").first()).toContainText("In this chat");
  await box.press("Enter");
  await expect(picker).toHaveCount(0);
  await box.pressSequentially("and ");
  // Second mention with the pointer.
  await box.pressSequentially(`@${second.slice(0, 3)}`);
  await picker
    .getByRole("option", { name: new RegExp(second) })
    .first()
    .click();
  await box.press("Shift+Enter");
  await box.pressSequentially(`see https://example.com ${text}`);
  await expect(box).toHaveValue(`Hi @${first} and @${second} \nsee https://example.com ${text}`);
  await box.press("Enter");

  const pending = pendingMessage(page);
  await expect(pending).toContainText(text);
  await expect(page.getByRole("status").filter({ hasText: "Sending…" })).toBeVisible();
  release();
  await expect(pending).toHaveCount(0);
  const sent = chatMessages(page).last();
  await expect(sent).toContainText(text);
  await expect(sent.locator(".mention")).toHaveText([first, second]);
  await expect(sent.getByRole("link", { name: "https://example.com" })).toBeVisible();
  await expect(box).toHaveValue("");

  const posts = await chatPosts(text);
  expect(posts).toHaveLength(1);
  expect([...posts[0]!.html.matchAll(/<at id="(\d)">([^<]+)<\/at>/g)].map((m) => m[2])).toEqual([first, second]);
  await page.reload();
  await expect(chatMessages(page).filter({ hasText: text })).toHaveCount(1);
  await expect(chatMessages(page).last()).toContainText(text);
});

test("a message Megan sends reaches her other browser through its change notification, read from Graph only once", async ({
  page,
  browser,
}) => {
  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await signInWithPassword(second, DEMO_MEGAN.email, DEMO_MEGAN.password);
    for (const open of [page, second]) {
      await open.goto(chatPath());
      await expectLive(open);
    }
    await markPage(second);
    await emulator("/counters", undefined, "DELETE");
    const text = token();
    // Graph's notification comes after its answer to the post (seconds later, in
    // practice); the emulator's would race the answer on its way back through the app, so
    // it is held until the first browser shows the message.
    await emulator("/graph/subscriptions/settings", { deliveries: "paused" });
    try {
      await composer(page).fill(`From the first browser ${text}`);
      await composer(page).press("Enter");
      await expect(pendingMessage(page)).toHaveCount(0);
      await expect(chatMessages(page).last()).toContainText(text);
    } finally {
      await emulator("/graph/subscriptions/settings", { deliveries: "on" });
    }
    await expect(chatMessages(second).getByText(text)).toBeVisible();
    await expectNotReloaded(second);
    // The notification carried the message's address only; the send's answer from Graph
    // is what the second browser shows: nobody asked Graph for the message again.
    const { byRoute } = await emulator<{ byRoute: Record<string, number> }>("/counters?service=graph");
    const messageReads = Object.keys(byRoute).filter((route) =>
      /^GET \/v1\.0\/chats\/[^/]+\/messages\/[^/?]+$/.test(route),
    );
    const posts = Object.entries(byRoute).filter(([route]) => route.startsWith("POST /v1.0/chats/"));
    expect(posts.map(([, count]) => count)).toEqual([1]);
    expect(messageReads).toEqual([]);
  } finally {
    await other.close();
  }
});

test("a send that failed in the network is retried with the same key and posted once", async ({ page }) => {
  await page.goto(chatPath());
  const keys: string[] = [];
  let dropped = false;
  await page.route("**/api/chats/*/messages", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    keys.push((await request.headerValue("idempotency-key")) ?? "");
    if (dropped) return route.continue();
    dropped = true;
    // The server got it, the answer was lost.
    await route.fetch();
    await route.abort("connectionreset");
  });
  const text = `Lost answer ${token()}`;
  await composer(page).fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "could not be reached" })).toBeVisible();
  await expect(composer(page)).toHaveValue(text);
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(chatMessages(page).last()).toContainText(text);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(await chatPosts(text)).toHaveLength(1);
});

test("a send Microsoft did not confirm is checked in the conversation before it is sent again", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(chatPath());
  await emulator("/graph/write-faults", { failBeforeAccept: 503 });
  const text = `Unconfirmed ${token()}`;
  await composer(page).fill(text);
  await composer(page).press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "may have been sent" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send again" })).toHaveCount(0);
  // The server refuses to post again while the first attempt could still show up.
  await expect(async () => {
    await page.getByRole("button", { name: "Check the conversation" }).click();
    await page.getByRole("button", { name: "Send again" }).click();
    await expect(chatMessages(page).last()).toContainText(text, { timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [3_000] });
  expect(await chatPosts(text)).toHaveLength(1);
});

test("markup and a javascript: link are sent and shown as text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(chatPath());
  const text = token();
  const typed = `<img src=x onerror=alert(1)> javascript:alert(1) ${text}`;
  await composer(page).fill(typed);
  await composer(page).press("Enter");
  const sent = chatMessages(page).filter({ hasText: text });
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText(typed);
  await page.reload();
  await expect(sent).toContainText(typed);
  await expect(sent.locator("img")).toHaveCount(0);
  await expect(sent.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("an inline image in a received message renders", async ({ page }) => {
  await page.goto(chatPath());
  const image = chatMessages(page).filter({ hasText: "Here is the mock-up we talked about." }).locator("img");
  await image.scrollIntoViewIfNeeded();
  await expect(image).toHaveAttribute("src", /^\/api\/chats\/.+\/hosted-contents\//);
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
});

/** The server's confirmation of the page's next reaction request with this method. */
const reactionAnswer = (page: Page, method: "PUT" | "DELETE") =>
  page.waitForResponse(
    (response) =>
      response.request().method() === method && /\/reactions\//.test(response.url()) && response.status() === 204,
  );

test("adds and removes a reaction", async ({ page }) => {
  await page.goto(chatPath());
  const message = chatMessages(page).filter({ hasText: "Here is the mock-up we talked about." });
  const mine = message.getByRole("button", { name: /^❤️ \d+: .*You/ });
  await expect(mine).toHaveCount(0);
  // By keyboard: the menu opens on its first reaction; the arrow moves to the next.
  await message.getByRole("button", { name: "Add reaction" }).click();
  const menu = message.getByRole("menu", { name: "Reactions" });
  await expect(menu.getByRole("menuitemcheckbox", { name: "Like" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(menu.getByRole("menuitemcheckbox", { name: "Heart" })).toBeFocused();
  // The page shows the change at once; a reload before the server answered would cancel it.
  const added = reactionAnswer(page, "PUT");
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  await expect(mine).toHaveAttribute("aria-pressed", "true");
  await added;

  await page.reload();
  await expect(mine).toHaveAttribute("aria-pressed", "true");
  const removed = reactionAnswer(page, "DELETE");
  await mine.click();
  await expect(mine).toHaveCount(0);
  await removed;
  await page.reload();
  await expect(message).toBeVisible();
  await expect(mine).toHaveCount(0);
});

test("posts to a channel and replies in a thread", async ({ page }) => {
  await page.goto(channelPath());
  // Top-level posts only (their replies are articles inside them).
  const posts = page.getByRole("list", { name: "Channel messages" }).locator(":scope > li > article");
  await expect(posts.first()).toBeVisible();
  // The seeded inline image of the channel renders too.
  const image = posts.filter({ hasText: "Screenshot of the new landing page" }).locator("img").first();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);

  const postText = `Channel post ${token()}`;
  await composer(page, "New post").fill(postText);
  await composer(page, "New post").press("Enter");
  const post = posts.filter({ hasText: postText });
  await expect(page.getByRole("article", { name: "Your message, sending" })).toHaveCount(0);
  await expect(posts.first()).toContainText(postText);

  const replyText = `Thread reply ${token()}`;
  await post.getByRole("button", { name: "Reply", exact: true }).click();
  const replyBox = post.getByRole("textbox", { name: "Reply" });
  await expect(replyBox).toBeFocused();
  await replyBox.fill(replyText);
  await replyBox.press("Enter");
  const replies = post.getByRole("list", { name: "Replies" });
  await expect(replies.getByRole("article", { name: "Your message, sending" })).toHaveCount(0);
  await expect(replies.getByRole("article", { name: /^Message from / })).toContainText([replyText]);

  const written = await postsIn({ teamId: seeds.channel.teamId, channelId: seeds.channel.channelId });
  const thread = written.filter((p) => p.html.includes(postText));
  expect(thread).toHaveLength(1);
  const inThread = { teamId: seeds.channel.teamId, channelId: seeds.channel.channelId, replyToId: thread[0]!.id };
  expect((await postsIn(inThread)).filter((p) => p.html.includes(replyText)).map((p) => p.replyToId)).toEqual([
    thread[0]!.id,
  ]);
  await page.reload();
  await expect(posts.filter({ hasText: postText })).toHaveCount(1);
});

test("a chat opens at its newest message, and Load older keeps the reading position", async ({ page }) => {
  await page.goto(chatPath());
  const messages = chatMessages(page);
  await expect(messages.last()).toBeInViewport();
  const before = await messages.count();
  const oldestText = await messages.first().textContent();
  await page.getByRole("button", { name: "Load older" }).click();
  await expect.poll(() => messages.count()).toBeGreaterThan(before);
  // What was the oldest message is where it was (the older ones went above it, out of view).
  const previousOldest = messages.nth((await messages.count()) - before);
  await expect(previousOldest).toHaveText(oldestText ?? "");
  await expect(previousOldest).toBeInViewport();
  await expect(messages.first()).not.toBeInViewport();
});
