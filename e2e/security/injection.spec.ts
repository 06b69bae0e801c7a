/**
 * Path and parameter injection into the Graph paths the app builds from route ids:
 * every dynamic segment of every API route (and page) gets traversal, encoded slashes,
 * `?`/`#`/`$` smuggling, over-long and unicode values, sent byte for byte. Each must be
 * refused (400, or 404 where the router never reaches the handler) without a single
 * Graph call; the emulator's call log proves which Graph paths were requested.
 */
import { DEMO_MICROSOFT_ACCOUNTS } from "../../emulator/data/demo-accounts";
import { DEMO_MEGAN } from "../../lib/demo-accounts";
import { API_CONTENT_SECURITY_POLICY } from "../../lib/http/content-security-policy";
import { expect, test } from "../support/fixtures";
import { apiRoutes, pageTemplates } from "./routes";
import { connected, cookieHeader, graphCallsSince, rawRequest, signedIn, unexpectedGraphPaths } from "./support";

/** Already-encoded path segments, as an attacker would put them on the wire. */
const PAYLOADS: Array<[string, string]> = [
  ["traversal", "..%2F..%2Fme%2Fchats"],
  ["backslash", "x%5C..%5Cme"],
  ["double-encoded slash", "x%252F..%252Fme"],
  ["encoded query", "x%3F%24expand%3Dmembers"],
  ["encoded fragment", "x%23frag"],
  ["$ smuggling", "x%24expand%3Dmembers"],
  ["graph id + query", "19%3Aabc%40thread.v2%3F%24select%3Did"],
  ["odata function", "x()%3F%24top%3D999"],
  ["null byte", "x%00y"],
  ["space and CRLF", "x%20%0D%0AHost%3A%20evil"],
  ["very long", "a".repeat(4000)],
  ["unicode RTL override", "x%E2%80%AEy"],
  ["fullwidth slash", "x%EF%BC%8Fme"],
  ["combining accent", "te%CC%81am"],
  ["emoji", "%F0%9F%98%80"],
];

/**
 * Payloads the URL parser resolves before routing (dot segments, `?`, `#`): the request
 * lands on another route or none, so any refusal will do.
 */
const RAW_PAYLOADS: Array<[string, string]> = [
  ["dot-dot", ".."],
  ["encoded dots", "%2E%2E"],
  ["raw traversal", "../../me/chats"],
  ["raw query", "x?$expand=members"],
  ["raw fragment", "x#frag"],
];

const VALID = {
  teamId: "00000000-0000-4000-8000-0000000000aa",
  channelId: "19:valid@thread.tacv2",
  messageId: "1700000000000",
  replyId: "1700000000001",
  chatId: "19:valid@thread.v2",
  type: "like",
  hostedId: "aGk=",
};

function withSegment(template: string, target: string, payload: string): string {
  return template.replace(/\[([^\]]+)\]/g, (_, name: string) =>
    name === target ? payload : encodeURIComponent(VALID[name as keyof typeof VALID] ?? "x"),
  );
}

test("injected ids are refused before any Graph call, on every route and page with an id", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, DEMO_MEGAN);
  await connected(page, DEMO_MICROSOFT_ACCOUNTS.megan);
  const cookie = await cookieHeader(page);
  const targets = [
    ...apiRoutes().filter(
      (route) =>
        route.params.length > 0 &&
        route.methods.includes("GET") &&
        !route.template.startsWith("/api/auth/") &&
        !route.template.startsWith("/api/admin/"),
    ),
  ].map((route) => ({ template: route.template, params: route.params, kind: "api" as const }));
  const pages = pageTemplates()
    .filter((t) => t.includes("["))
    .map((template) => ({
      template,
      params: [...template.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!),
      kind: "page" as const,
    }));
  expect(targets.length).toBeGreaterThan(0);

  const since = Date.now();
  const statuses: Record<string, number> = {};
  for (const target of [...targets, ...pages]) {
    for (const param of target.params) {
      for (const [name, payload] of [...PAYLOADS, ...RAW_PAYLOADS]) {
        const path = withSegment(target.template, param, payload);
        const response = await rawRequest(path, { headers: { cookie } });
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const raw = RAW_PAYLOADS.some(([n]) => n === name);
        // Encoded payloads reach the handler and fail validation (400; a page shows not-found).
        // Raw ones can change which route matches: then any refusal will do, but never data.
        const expected =
          target.kind === "api" && !raw ? [400] : target.kind === "page" && !raw ? [404] : [400, 404, 307, 308];
        // A page that streams (loading.tsx) has sent 200 before notFound() runs: then the body must be the not-found page.
        const streamedNotFound =
          target.kind === "page" &&
          response.status === 200 &&
          /could not be found|NEXT_HTTP_ERROR_FALLBACK;404/.test(response.body);
        if (!streamedNotFound) {
          expect(
            expected,
            `${name} in [${param}] of ${target.template}: ${response.status} ${response.body.slice(0, 160)}`,
          ).toContain(response.status);
        }
        // Next.js itself refuses a few malformed URLs before routing; otherwise it is our typed error.
        if (
          target.kind === "api" &&
          response.status === 400 &&
          String(response.headers["content-type"]).includes("json")
        ) {
          expect(JSON.parse(response.body).error.code).toBe("invalid_input");
        }
      }
    }
  }
  console.log(`[injection] statuses: ${JSON.stringify(statuses)}`);
  const calls = await graphCallsSince(since);
  expect(unexpectedGraphPaths(calls), "Graph paths outside the allow-list").toEqual([]);
  // Encoded payloads are refused before Graph. A raw `?` or `#` ends the path on the wire,
  // so `x?$expand=…` reaches the route as the id `x` (with our query): that plain id is
  // the only thing a payload may put into a Graph path.
  const idsInGraphPaths = new Set(
    calls.flatMap((c) =>
      [...c.path.matchAll(/\/(?:teams|channels|messages|chats)\/([^/]+)/g)].map((m) => decodeURIComponent(m[1]!)),
    ),
  );
  expect(
    [...idsInGraphPaths].filter((id) => id !== "x" && !Object.values(VALID).includes(id)),
    "ids from payloads in Graph paths",
  ).toEqual([]);
});

test("query smuggling: forged cursors are refused and extra $-parameters never reach Graph", async ({ browser }) => {
  const page = await signedIn(browser, DEMO_MEGAN);
  await connected(page, DEMO_MICROSOFT_ACCOUNTS.megan);
  const cookie = await cookieHeader(page);
  const since = Date.now();
  for (const cursor of ["..%2F..%2Fme", "%2Fv1.0%2Fusers", "eyJ1IjoieCJ9.forged", "x".repeat(5000)]) {
    const response = await rawRequest(`/api/chats?cursor=${cursor}`, { headers: { cookie } });
    expect(response.status, cursor.slice(0, 40)).toBe(400);
  }
  for (const query of [
    "$expand=members",
    "%24select=id&%24top=999",
    "$filter=startswith(displayName,'a')",
    "refresh=2",
    "refresh=yes",
  ]) {
    const response = await rawRequest(`/api/teams?${query}`, { headers: { cookie } });
    expect([200, 400], query).toContain(response.status);
  }
  // The app's Graph queries are constants: whatever the caller adds, only allowed paths are called.
  expect(unexpectedGraphPaths(await graphCallsSince(since))).toEqual([]);
  await page.context().close();
});

test("an undecodable segment (overlong UTF-8) is refused without a Graph call", async ({ browser }) => {
  const page = await signedIn(browser, DEMO_MEGAN);
  const cookie = await cookieHeader(page);
  const since = Date.now();
  // proxy.ts refuses them; Next.js alone would answer a bare 500 while decoding the
  // segment. ASCII escapes skip the proxy (every chat id has some), so an undecodable one
  // after them, or a `%` with no hex, must still reach it.
  for (const segment of ["%C0%AE%C0%AE", "19%3Ax%40thread.v2%C0%AE", "%ZZ", "19%3A%E2%82"]) {
    const response = await rawRequest(`/api/chats/${segment}/messages`, { headers: { cookie } });
    expect(response.status, segment).toBe(400);
    expect(response.headers["content-security-policy"]).toBe(API_CONTENT_SECURITY_POLICY);
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  }
  // Only what these requests could cause: a chat's messages. The dashboard the sign-in
  // landed on may still be reading (its sections, its live stream's first check).
  const chatReads = (await graphCallsSince(since)).filter((call) => call.path.startsWith("/v1.0/chats/"));
  expect(chatReads).toEqual([]);
  await page.context().close();
});
