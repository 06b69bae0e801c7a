/**
 * Secrets never leave the server: the Nango secret key, the webhook signing key, the
 * auth secret, the Microsoft client secret and every access and refresh token Nango
 * holds (read from the emulator) are searched for in the built client assets, the HTML
 * and every same-origin response of each page visited, every API response, and the
 * app's own log (stdout + stderr, written by scripts/e2e-server.mjs).
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS } from "../../emulator/data/demo-accounts";
import { DEMO_ADMIN, DEMO_MEGAN } from "../../lib/demo-accounts";
import { expect, test } from "../support/fixtures";
import { emulator, signWebhook } from "../support/stack";
import { apiRoutes, fill, SAMPLE_WRITE_SEGMENTS } from "./routes";
import { postAs } from "../support/live";
import { connected, cookieHeader, env, signedIn } from "./support";

test.describe.configure({ mode: "serial" });

/** The offline defaults are what a build made without a real env holds; the e2e stack's own keys differ. */
const STATIC_SECRETS = {
  "e2e Nango secret key": env.NANGO_SECRET_KEY,
  "e2e webhook signing key": env.NANGO_WEBHOOK_SIGNING_KEY,
  "e2e auth secret": env.AUTH_SECRET,
  "default Nango secret key": "emulator-secret-key-0000000000000000",
  "default webhook signing key": "emulator-webhook-signing-key",
  "default auth secret": "offline-demo-auth-secret-change-me-0000000000",
  "Microsoft client secret": "emulator-signin-client-secret",
};

async function nangoTokens(): Promise<Record<string, string>> {
  const { connections } = await emulator<{
    connections: Array<{ connection_id: string; credentials: { access_token?: string; refresh_token?: string } }>;
  }>("/nango/connections");
  const tokens: Record<string, string> = {};
  for (const c of connections) {
    if (c.credentials.access_token) tokens[`access token of ${c.connection_id}`] = c.credentials.access_token;
    if (c.credentials.refresh_token) tokens[`refresh token of ${c.connection_id}`] = c.credentials.refresh_token;
  }
  return tokens;
}

function findSecrets(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => value.length >= 8 && text.includes(value))
    .map(([name]) => name);
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Waits until no request but the page's live-update stream has been in flight for
 * 500 ms. Playwright's "networkidle" never comes while an EventSource is open.
 */
async function settled(page: Page, timeout = 15_000): Promise<void> {
  const inFlight = new Set<import("@playwright/test").Request>();
  const counts = (request: import("@playwright/test").Request) => request.resourceType() !== "eventsource";
  const started = (request: import("@playwright/test").Request) => counts(request) && inFlight.add(request);
  const ended = (request: import("@playwright/test").Request) => inFlight.delete(request);
  page.on("request", started);
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  try {
    const deadline = Date.now() + timeout;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      if (inFlight.size > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 500) return;
      await page.waitForTimeout(100);
    }
  } finally {
    page.off("request", started);
    page.off("requestfinished", ended);
    page.off("requestfailed", ended);
  }
}

/**
 * Visits a page and returns its HTML plus every same-origin response body (RSC payloads,
 * JS). The live-update stream never ends while the page is open, so its body cannot be
 * read here: the "live-update stream" step reads it directly.
 */
async function visit(page: Page, url: string): Promise<string> {
  const bodies: Promise<string>[] = [];
  const listener = (response: import("@playwright/test").Response) => {
    if (!response.url().startsWith(env.APP_URL) || response.request().resourceType() === "eventsource") return;
    bodies.push(response.text().catch(() => ""));
  };
  page.on("response", listener);
  await page.goto(url);
  await settled(page);
  page.off("response", listener);
  return [await page.content(), ...(await Promise.all(bodies))].join("\n");
}

/** Reads the user's live-update stream for a chat while someone posts in it, until that message arrives. */
async function liveStreamWhile(cookie: string, chatId: string, post: () => Promise<unknown>): Promise<string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 30_000);
  const topic = `chat/${encodeURIComponent(chatId)}`;
  let text = "";
  try {
    const response = await fetch(`${env.APP_URL}/api/live?topic=${encodeURIComponent(topic)}`, {
      headers: { cookie, accept: "text/event-stream" },
      signal: abort.signal,
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let posted = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
      // Post once the stream says Graph follows the chat, then wait for the message.
      if (!posted && text.includes('"type":"status"')) {
        expect(text, "Graph accepted the chat's subscription").toContain(`"${topic}":true`);
        posted = true;
        await post();
      }
      if (posted && text.includes('"type":"message"')) break;
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return text;
}

test("no secret or token in client assets, pages, API responses or logs", async ({ browser }) => {
  test.setTimeout(180_000);
  const megan = await signedIn(browser, DEMO_MEGAN);
  await connected(megan, DEMO_MICROSOFT_ACCOUNTS.megan);
  const admin = await signedIn(browser, DEMO_ADMIN);
  // Exercise the code paths that log: a Graph read, a refused webhook, a signed one.
  await megan.request.get("/api/teams");
  await admin.request.post("/api/webhooks/nango", {
    data: '{"type":"auth"}',
    headers: { "content-type": "application/json", "x-nango-hmac-sha256": "00" },
  });
  const ignored = '{"from":"nango","type":"sync"}';
  await admin.request.post("/api/webhooks/nango", { data: ignored, headers: signWebhook(ignored) });

  const tokens = await nangoTokens();
  expect(Object.keys(tokens).length, "Nango holds tokens to look for").toBeGreaterThan(0);
  expect(
    Object.values(tokens).some((t) => t.split(".").length === 3),
    "a real (JWT) access token among them",
  ).toBe(true);
  const secrets = { ...STATIC_SECRETS, ...tokens };
  const found: string[] = [];

  await test.step("built client assets (.next/static)", async () => {
    const files = filesUnder(".next/static");
    expect(files.length).toBeGreaterThan(10);
    for (const file of files)
      found.push(...findSecrets(fs.readFileSync(file, "latin1"), secrets).map((s) => `${s} in ${file}`));
  });

  await test.step("pages, with every same-origin response they load", async () => {
    const { teams } = (await (await megan.request.get("/api/teams")).json()) as { teams: Array<{ id: string }> };
    const { items: chats } = (await (await megan.request.get("/api/chats")).json()) as { items: Array<{ id: string }> };
    const userPages = [
      "/dashboard",
      "/connections",
      "/chats",
      `/teams/${encodeURIComponent(teams[0]!.id)}`,
      `/chats/${encodeURIComponent(chats[0]!.id)}`,
    ];
    for (const url of userPages)
      found.push(...findSecrets(await visit(megan, url), secrets).map((s) => `${s} in page ${url}`));
    for (const url of ["/admin", "/admin/audit", "/admin/settings", "/admin/tenants"])
      found.push(...findSecrets(await visit(admin, url), secrets).map((s) => `${s} in page ${url}`));
    const anonymous = await browser.newPage({ baseURL: env.APP_URL });
    found.push(...findSecrets(await visit(anonymous, "/signin"), secrets).map((s) => `${s} in /signin`));
    await anonymous.close();
  });

  await test.step("the live-update stream, while a message arrives", async () => {
    const { imageSeeds } = await emulator<{ imageSeeds: { chat: { chatId: string; otherMemberEmail: string } } }>(
      "/graph/dataset",
    );
    const { chatId, otherMemberEmail } = imageSeeds.chat;
    const stream = await liveStreamWhile(await cookieHeader(megan), chatId, () =>
      postAs({ chatId }, otherMemberEmail, "a message for the secrets scan"),
    );
    expect(stream, "the stream carried the new message").toContain('"type":"message"');
    found.push(...findSecrets(stream, secrets).map((s) => `${s} in GET /api/live`));
  });

  await test.step("every GET API route, as a user and as an admin", async () => {
    const { teams } = (await (await megan.request.get("/api/teams")).json()) as { teams: Array<{ id: string }> };
    const team = (await (
      await megan.request.get(`/api/teams/${encodeURIComponent(teams[0]!.id)}/channels`)
    ).json()) as { channels: Array<{ id: string }> };
    const { items: chats } = (await (await megan.request.get("/api/chats")).json()) as { items: Array<{ id: string }> };
    const ids = {
      teamId: teams[0]!.id,
      channelId: team.channels[0]!.id,
      messageId: "1",
      replyId: "1",
      chatId: chats[0]!.id,
      ...SAMPLE_WRITE_SEGMENTS,
      userId: "00000000-0000-4000-8000-000000000000",
      tenantId: "organizations",
      nextauth: "session",
    };
    for (const route of apiRoutes().filter((r) => r.methods.includes("GET"))) {
      for (const page of [megan, admin]) {
        const response = await page.request.get(fill(route.template, ids));
        const text = `${JSON.stringify(response.headers())}\n${await response.text()}`;
        found.push(...findSecrets(text, secrets).map((s) => `${s} in GET ${route.template}`));
      }
    }
    const session = await megan.request.post("/api/connect/session", { data: {}, headers: { origin: env.APP_URL } });
    found.push(...findSecrets(await session.text(), secrets).map((s) => `${s} in POST /api/connect/session`));
  });

  await test.step("the app's log", async () => {
    const log = fs.readFileSync(env.E2E_APP_LOG, "utf8");
    expect(log.length, `${env.E2E_APP_LOG} has the app's output`).toBeGreaterThan(0);
    found.push(...findSecrets(log, secrets).map((s) => `${s} in ${env.E2E_APP_LOG}`));
  });

  expect(found).toEqual([]);
  await megan.context().close();
  await admin.context().close();
});
