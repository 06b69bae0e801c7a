/**
 * Cross-user access: user B calls every API route (read from app/api) and opens every
 * page with user A's team, channel, message and chat ids, A's connection id and A's
 * user id. B's Graph data comes from B's own connection, so A's ids must be refused by
 * Microsoft (membership) or by the app (ownership) — 403/404, never A's data.
 */
import type { Page } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS } from "../../emulator/data/demo-accounts";
import { ADMIN_SERVER_ACTIONS } from "../../test-support/admin-routes";
import { DEMO_ALEX, DEMO_MEGAN } from "../../lib/demo-accounts";
import { expect, test } from "../support/fixtures";
import {
  apiRoutes,
  fill,
  pageTemplates,
  sampleBody,
  SAMPLE_HEADERS,
  SAMPLE_WRITE_SEGMENTS,
  serverActionFiles,
  STATE_CHANGING,
} from "./routes";
import { connected, env, signedIn } from "./support";

test.describe.configure({ mode: "serial" });

type Json = Record<string, unknown>;
const getJson = async (page: Page, path: string) => {
  const response = await page.request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as Json;
};

test("server actions: none exist outside the reviewed list", () => {
  // Server actions are public POST endpoints that these route-based checks would miss.
  expect(serverActionFiles()).toEqual([...ADMIN_SERVER_ACTIONS]);
});

test("user B gets 403/404 and none of user A's data from every route and page with A's ids", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await signedIn(browser, DEMO_MEGAN);
  await connected(a, DEMO_MICROSOFT_ACCOUNTS.megan);
  const b = await signedIn(browser, DEMO_ALEX);
  await connected(b, DEMO_MICROSOFT_ACCOUNTS.alex);

  // A's ids that B cannot see through B's own Microsoft account.
  const aSession = (await getJson(a, "/api/auth/session")) as { uid: string };
  const aConnection = (
    (await getJson(a, "/api/connections")) as {
      connection: { connectionId: string; accountEmail: string; tenantId: string | null };
    }
  ).connection;
  const aTeams = ((await getJson(a, "/api/teams")) as { teams: Array<{ id: string; name: string }> }).teams;
  const bTeams = ((await getJson(b, "/api/teams")) as { teams: Array<{ id: string }> }).teams;
  const aOnlyTeams = aTeams.filter((team) => !bTeams.some((t) => t.id === team.id));
  expect(aOnlyTeams.length, "a team A is in and B is not").toBeGreaterThan(0);
  const team = aOnlyTeams[0]!;
  const { channels } = (await getJson(a, `/api/teams/${encodeURIComponent(team.id)}/channels`)) as {
    channels: Array<{ id: string }>;
  };
  const channel = channels[0]!;
  const messages = (await getJson(
    a,
    `/api/teams/${encodeURIComponent(team.id)}/channels/${encodeURIComponent(channel.id)}/messages`,
  )) as {
    items: Array<{ id: string }>;
  };
  const aChats = (await getJson(a, "/api/chats")) as {
    items: Array<{ id: string; title: string }>;
    cursor: string | null;
  };
  const bChatIds = new Set<string>();
  for (let cursor: string | null = "", pages = 0; cursor !== null && pages < 10; pages++) {
    const page = (await getJson(b, `/api/chats${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`)) as {
      items: Array<{ id: string }>;
      cursor: string | null;
    };
    page.items.forEach((chat) => bChatIds.add(chat.id));
    cursor = page.cursor;
  }
  const aOnlyChat = aChats.items.find((chat) => !bChatIds.has(chat.id));
  expect(aOnlyChat, "a chat A is in and B is not").toBeTruthy();

  const ids = {
    teamId: team.id,
    channelId: channel.id,
    messageId: messages.items[0]?.id ?? "1",
    replyId: messages.items[1]?.id ?? "1",
    chatId: aOnlyChat!.id,
    ...SAMPLE_WRITE_SEGMENTS,
    userId: aSession.uid,
    connectionId: aConnection.connectionId,
    // Admin-only tenant routes: B (not an admin) must get 403 for A's tenant.
    tenantId: aConnection.tenantId ?? "organizations",
  };
  // Things only A's responses contain (names are not: B chats with A too).
  const aMarkers = [DEMO_MEGAN.email, aConnection.accountEmail, aSession.uid, aConnection.connectionId, team.name];
  const leaks = (text: string, extra: string[] = [ids.teamId, ids.chatId]) =>
    [...aMarkers, ...extra].filter((marker) => text.includes(marker));

  const results: string[] = [];
  const routes = apiRoutes().filter(
    (route) => !route.template.startsWith("/api/auth/") && route.template !== "/api/webhooks/nango",
  );
  // B's own disconnect last, so B's connection serves every other call.
  const calls = routes
    .flatMap((route) => route.methods.map((method) => ({ route, method })))
    .sort(
      (x, y) =>
        Number(x.method === "DELETE" && x.route.template === "/api/connections") -
        Number(y.method === "DELETE" && y.route.template === "/api/connections"),
    );
  for (const { route, method } of calls) {
    const path = fill(route.template, ids);
    const data = STATE_CHANGING.has(method) ? sampleBody(route.template, method, ids) : undefined;
    const response = await b.request.fetch(path, {
      method,
      data,
      headers: { origin: env.APP_URL, ...SAMPLE_HEADERS },
    });
    const text = await response.text();
    const carriesAIds =
      route.params.length > 0 || (data !== undefined && JSON.stringify(data).includes(ids.connectionId));
    results.push(`${method} ${path} → ${response.status()}`);
    expect(response.status(), `${method} ${route.template} must not fail on the server`).toBeLessThan(500);
    if (carriesAIds || route.template.startsWith("/api/admin/")) {
      expect([403, 404], `${method} ${route.template} with A's ids: ${text.slice(0, 200)}`).toContain(
        response.status(),
      );
    }
    expect(leaks(text), `${method} ${route.template} leaks A's data`).toEqual([]);
    expect(leaks(JSON.stringify(response.headers())), `${method} ${route.template} headers`).toEqual([]);
  }
  console.log(`[cross-user] ${results.length} calls:\n  ${results.join("\n  ")}`);

  await test.step("A's signed paging cursor is refused to B", async () => {
    // Megan has 120+ chats: her first page always has a cursor.
    expect(aChats.cursor, "A's first page of chats has a cursor").toBeTruthy();
    const response = await b.request.get(`/api/chats?cursor=${encodeURIComponent(aChats.cursor!)}`);
    expect(response.status()).toBe(400);
    expect(leaks(await response.text())).toEqual([]);
  });

  await test.step("pages with A's ids show B no A data", async () => {
    // B's disconnect above: reconnect so the pages reach Graph with B's grant.
    await connected(b, DEMO_MICROSOFT_ACCOUNTS.alex);
    for (const template of pageTemplates().filter((t) => t.includes("["))) {
      const response = await b.goto(fill(template, ids));
      const html = await b.content();
      expect(response?.status() ?? 0, template).toBeLessThan(500);
      // The ids themselves are in B's own URL (and so in the page); A's data is not.
      expect(leaks(html, []), `page ${template}`).toEqual([]);
      await expect(b.getByRole("heading", { name: team.name, exact: true })).toHaveCount(0);
    }
  });
  await a.context().close();
  await b.context().close();
});
