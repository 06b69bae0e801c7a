/**
 * CSRF and session: every state-changing route (read from app/api) refuses a request
 * that says it is cross-site (Origin or Fetch metadata) with 403 — checked with an
 * admin's session and a valid body, so nothing but the origin check can refuse it —
 * and refuses a request without a session with 401. Sign-out kills the session cookie
 * everywhere: replaying the captured cookie afterwards gets 401 / the sign-in page.
 */
import { DEMO_ADMIN, DEMO_MEGAN } from "../../lib/demo-accounts";
import { expect, test } from "../support/fixtures";
import { apiRoutes, fill, NON_SESSION_ROUTES, sampleBody, SAMPLE_WRITE_SEGMENTS, STATE_CHANGING } from "./routes";
import { adminSnapshot, cookieHeader, env, rawRequest, signedIn } from "./support";

test.describe.configure({ mode: "serial" });

const SAMPLE = {
  teamId: "x",
  channelId: "x",
  messageId: "x",
  replyId: "x",
  chatId: "x",
  ...SAMPLE_WRITE_SEGMENTS,
  userId: "00000000-0000-4000-8000-000000000000",
  tenantId: "00000000-0000-4000-8000-0000000000aa",
};

function stateChangingCalls() {
  return apiRoutes()
    .filter((route) => !(route.template in NON_SESSION_ROUTES))
    .flatMap((route) =>
      route.methods.filter((method) => STATE_CHANGING.has(method)).map((method) => ({ route, method })),
    );
}

const CROSS_SITE: Array<[string, Record<string, string>]> = [
  ["Origin: https://evil.example", { origin: "https://evil.example" }],
  ["Origin: null (sandboxed frame)", { origin: "null" }],
  ["Origin: same host, other port", { origin: new URL(env.APP_URL).origin.replace(/:\d+$/, ":1") }],
  ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
  ["both, with a same-origin Origin", { origin: env.APP_URL, "sec-fetch-site": "cross-site" }],
];

test("every state-changing route refuses cross-site requests (403) and changes nothing", async ({ browser }) => {
  const calls = stateChangingCalls();
  expect(calls.length).toBeGreaterThan(0);
  const admin = await signedIn(browser, DEMO_ADMIN);
  const adminCookie = await cookieHeader(admin);
  const before = await adminSnapshot(admin.request);
  for (const { route, method } of calls) {
    const path = fill(route.template, SAMPLE);
    const body = sampleBody(route.template, method, { connectionId: "c", userId: SAMPLE.userId });
    for (const [name, headers] of CROSS_SITE) {
      const response = await rawRequest(path, {
        method,
        headers: { cookie: adminCookie, "content-type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.status, `${method} ${route.template} with ${name}`).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe("cross_site_request");
    }
  }
  expect(await adminSnapshot(admin.request)).toEqual(before);
  await admin.context().close();
});

test("every state-changing and data route refuses a request without a valid session (401)", async () => {
  const forged = "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged";
  for (const route of apiRoutes().filter((r) => !(r.template in NON_SESSION_ROUTES))) {
    for (const method of route.methods) {
      const path = fill(route.template, SAMPLE);
      const body = STATE_CHANGING.has(method)
        ? sampleBody(route.template, method, { connectionId: "c", userId: SAMPLE.userId })
        : undefined;
      for (const cookie of [undefined, forged]) {
        const response = await rawRequest(path, {
          method,
          headers: { origin: env.APP_URL, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(response.status, `${method} ${route.template} ${cookie ? "forged cookie" : "no cookie"}`).toBe(401);
      }
    }
  }
});

test("sign-out invalidates the session: the captured cookie is refused afterwards", async ({ browser }) => {
  const page = await signedIn(browser, DEMO_MEGAN);
  const cookie = await cookieHeader(page);
  expect((await rawRequest("/api/connections", { headers: { cookie } })).status).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // The JWT itself has not expired: only the server-side session version can refuse it.
  expect((await rawRequest("/api/connections", { headers: { cookie } })).status).toBe(401);
  const post = await rawRequest("/api/connect/session", {
    method: "POST",
    headers: { cookie, origin: env.APP_URL, "content-type": "application/json" },
    body: "{}",
  });
  expect(post.status).toBe(401);
  const replay = await browser.newContext({ baseURL: env.APP_URL, extraHTTPHeaders: { cookie } });
  const replayPage = await replay.newPage();
  await replayPage.goto("/dashboard");
  await expect(replayPage).toHaveURL(/\/signin/);
  await expect(replayPage.getByLabel("Signed in user")).toHaveCount(0);
  await replay.close();
  await page.context().close();
});
