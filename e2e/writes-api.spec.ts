/**
 * The write API through the real stack: the app's routes, the Nango proxy and the
 * emulated Graph, which counts what was really posted. Alex (not Megan: the UI spec
 * needs her without write permission) grants it through the Connect UI here.
 */
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_ALEX } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import { ensureConnected } from "./support/connect-ui";
import { expect, test } from "./support/fixtures";
import { emulator, stack } from "./support/stack";
import { allowSending, postsIn, send } from "./support/writes";

test.describe.configure({ mode: "serial" });

const msAlex = DEMO_MICROSOFT_ACCOUNTS.alex;
let chatId = "";
let messagesPath = "";

test.beforeEach(async ({ page }) => {
  await signInWithPassword(page, DEMO_ALEX.email, DEMO_ALEX.password);
  await ensureConnected(page, msAlex);
  if (!chatId) {
    const chats = (await (await page.request.get("/api/chats")).json()) as { items: Array<{ id: string }> };
    chatId = chats.items[0]!.id;
    messagesPath = `/api/chats/${encodeURIComponent(chatId)}/messages`;
  }
});

test.afterEach(async () => {
  await emulator("/graph/write-faults", { reset: true });
});

test("reading needs no write permission; the first send asks for it and posts nothing", async ({ page }) => {
  const before = (await postsIn({ chatId })).length;
  const response = await send(page, messagesPath, { content: "hello" }, crypto.randomUUID());
  expect(response.status()).toBe(403);
  const { error } = (await response.json()) as { error: { code: string; scopes: string[] } };
  expect(error.code).toBe("write_consent_required");
  expect(error.scopes).toEqual(["ChatMessage.Send"]);
  expect((await page.request.get(messagesPath)).status()).toBe(200);
  expect(await postsIn({ chatId })).toHaveLength(before);
});

test("20 concurrent sends with one Idempotency-Key post exactly one message", async ({ page }) => {
  await allowSending(page, msAlex);
  const before = (await postsIn({ chatId })).length;
  const key = crypto.randomUUID();
  const content = `concurrent ${key}`;
  const responses = await Promise.all(Array.from({ length: 20 }, () => send(page, messagesPath, { content }, key)));
  expect(responses.map((r) => r.status())).toEqual(Array(20).fill(201));
  const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
  expect(ids.size).toBe(1);
  const posts = await postsIn({ chatId });
  expect(posts).toHaveLength(before + 1);
  expect(posts.filter((post) => post.html.includes(key))).toHaveLength(1);

  const conflict = await send(page, messagesPath, { content: "something else" }, key);
  expect(conflict.status()).toBe(409);
  expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe("idempotency_conflict");
  expect(await postsIn({ chatId })).toHaveLength(before + 1);
});

test("a send repeated with its key the moment it was answered gets the same message and posts nothing", async ({
  page,
}) => {
  // Sending was allowed by the test before (serial).
  const before = (await postsIn({ chatId })).length;
  const key = crypto.randomUUID();
  const content = `repeated ${key}`;
  // The outcome is recorded after the response: the repeat, sent as soon as the first is
  // answered, may find the row still pending and must wait for it, not post again.
  for (let round = 0; round < 3; round++) {
    const first = await send(page, messagesPath, { content: `${content} ${round}` }, `${key}-${round}`);
    const again = await send(page, messagesPath, { content: `${content} ${round}` }, `${key}-${round}`);
    expect([first.status(), again.status()]).toEqual([201, 201]);
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
  }
  const posts = await postsIn({ chatId });
  expect(posts).toHaveLength(before + 3);
  expect(posts.filter((post) => post.html.includes(key))).toHaveLength(3);
});

test("a post Graph accepted but never answered is found, not posted again", async ({ page }) => {
  test.setTimeout(90_000);
  const before = (await postsIn({ chatId })).length;
  await emulator("/graph/write-faults", { acceptThenHangMs: 20_000 });
  const key = crypto.randomUUID();
  const first = await send(page, messagesPath, { content: `slow ${key}` }, key);
  expect(first.status()).toBe(201);
  const again = await send(page, messagesPath, { content: `slow ${key}` }, key);
  expect(again.status()).toBe(201);
  expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
  expect((await postsIn({ chatId })).filter((post) => post.html.includes(key))).toHaveLength(1);
  expect(await postsIn({ chatId })).toHaveLength(before + 1);
});

test("a post that failed before Graph took it is reported, and a retry with its key posts it once", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await emulator("/graph/write-faults", { failBeforeAccept: 503 });
  const key = crypto.randomUUID();
  const body = { content: `retry ${key}` };
  const failed = await send(page, messagesPath, body, key);
  // A 5xx may hide an accepted post: the app says so instead of posting again by itself.
  expect(failed.status()).toBe(502);
  expect(((await failed.json()) as { error: { code: string } }).error.code).toBe("send_unconfirmed");
  // Retried by the user: refused while it could still show up, then checked and posted once.
  await expect
    .poll(async () => (await send(page, messagesPath, body, key)).status(), { timeout: 40_000, intervals: [2_000] })
    .toBe(201);
  expect((await postsIn({ chatId })).filter((post) => post.html.includes(key))).toHaveLength(1);
});

test("bad input gets a clear 400 and reaches no one", async ({ page }) => {
  const before = (await postsIn({ chatId })).length;
  const cases: Array<[string, unknown, string | null, string]> = [
    ["empty", { content: "   " }, crypto.randomUUID(), "invalid_input"],
    ["too long", { content: "x".repeat(28_001) }, crypto.randomUUID(), "content_too_long"],
    ["no key", { content: "hi" }, null, "invalid_input"],
    ["bad key", { content: "hi" }, "no", "invalid_input"],
    ["not JSON", "{content:", crypto.randomUUID(), "invalid_input"],
    ["unknown field", { content: "hi", html: "<b>x</b>" }, crypto.randomUUID(), "invalid_input"],
    [
      "mention not in the text",
      { content: "hi", mentions: [{ id: "00000000-0000-4000-8000-000000000001", name: "Megan Bowen" }] },
      crypto.randomUUID(),
      "invalid_input",
    ],
  ];
  for (const [name, body, key, code] of cases) {
    const response = await send(page, messagesPath, body, key);
    expect(response.status(), name).toBe(400);
    expect(((await response.json()) as { error: { code: string; message: string } }).error.code, name).toBe(code);
  }
  const badId = await send(page, "/api/chats/..%2Fme/messages", { content: "hi" }, crypto.randomUUID());
  expect(badId.status()).toBe(400);
  expect(await postsIn({ chatId })).toHaveLength(before);
});

test("markup and script URLs are sent as text", async ({ page }) => {
  const key = crypto.randomUUID();
  const content = `<img src=x onerror=alert(1)> javascript:alert(1) ${key}`;
  expect((await send(page, messagesPath, { content }, key)).status()).toBe(201);
  const post = (await postsIn({ chatId })).find((p) => p.html.includes(key))!;
  expect(post.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  expect(post.html).not.toMatch(/<img|<a /);
});

test("two mentions reach Graph as paired <at> tags and mentions[]", async ({ page }) => {
  const people = (await (
    await page.request.get(`/api/people?q=${encodeURIComponent("a")}&chatId=${encodeURIComponent(chatId)}`)
  ).json()) as { items: Array<{ id: string; name: string; source: string }> };
  const members = people.items.filter((p) => p.source === "member").slice(0, 2);
  expect(members.length).toBe(2);
  const key = crypto.randomUUID();
  const content = `@${members[0]!.name} and @${members[1]!.name}: ${key}`;
  const mentions = members.map(({ id, name }) => ({ id, name }));
  const response = await send(page, messagesPath, { content, mentions }, key);
  expect(response.status()).toBe(201);
  const post = (await postsIn({ chatId })).find((p) => p.html.includes(key))!;
  expect([...post.html.matchAll(/<at id="(\d)">([^<]+)<\/at>/g)].map((m) => [m[1], m[2]])).toEqual([
    ["0", members[0]!.name],
    ["1", members[1]!.name],
  ]);
});

test("a reaction is set and removed, and the page data shows it as the reader's own", async ({ page }) => {
  const { items } = (await (await page.request.get(messagesPath)).json()) as { items: Array<{ id: string }> };
  const reaction = `${messagesPath}/${encodeURIComponent(items[0]!.id)}/reactions/heart`;
  const headers = { origin: stack.APP_URL };
  expect((await page.request.put(reaction, { headers })).status()).toBe(204);
  const reacted = (await (await page.request.get(messagesPath)).json()) as {
    items: Array<{ id: string; reactions: Array<{ type: string; mine: boolean; names: string[] }> }>;
  };
  expect(reacted.items[0]!.reactions).toContainEqual({ type: "heart", count: 1, names: ["You"], mine: true });
  expect((await page.request.delete(reaction, { headers })).status()).toBe(204);
  const after = (await (await page.request.get(messagesPath)).json()) as {
    items: Array<{ reactions: Array<{ type: string; mine: boolean }> }>;
  };
  expect(after.items[0]!.reactions.filter((r) => r.mine)).toEqual([]);
  expect((await page.request.put(`${messagesPath}/${items[0]!.id}/reactions/poo`, { headers })).status()).toBe(400);
});
