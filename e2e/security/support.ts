/**
 * Helpers shared by the security specs: signed-in contexts, raw HTTP (no URL
 * normalisation), the database as the admin API sees it, and the emulator's Graph calls.
 */
import http from "node:http";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import pg from "pg";
// @ts-expect-error -- plain ESM helper shared with the launcher scripts
import { e2eEnv } from "../../scripts/lib/e2e-env.mjs";
import type { DemoAccount } from "../../lib/demo-accounts";
import { signInWithPassword } from "../support/auth";
import { ensureConnected } from "../support/connect-ui";
import { expect } from "../support/fixtures";
import { emulator } from "../support/stack";

type StackKey =
  | "APP_URL"
  | "DATABASE_URL"
  | "NANGO_HOST"
  | "NANGO_CONNECT_UI_URL"
  | "NANGO_SECRET_KEY"
  | "NANGO_WEBHOOK_SIGNING_KEY"
  | "AUTH_SECRET"
  | "E2E_APP_LOG";
export const env = e2eEnv() as Record<StackKey, string>;

export async function signedIn(browser: Browser, account: DemoAccount): Promise<Page> {
  const context = await browser.newContext({ baseURL: env.APP_URL });
  const page = await context.newPage();
  await signInWithPassword(page, account.email, account.password);
  return page;
}

/**
 * A working Teams connection for the signed-in user, made through the real Connect UI.
 * These specs test what the server allows, not the connections page: when the page is
 * slow to show "Connected" after the UI closed, the API's word is enough.
 */
export async function connected(page: Page, account: { name: string; email: string }): Promise<void> {
  try {
    await ensureConnected(page, account);
  } catch (error) {
    const status = async () =>
      ((await (await page.request.get("/api/connections")).json()) as { connection: { status: string } | null })
        .connection?.status;
    await expect.poll(status, { message: `connection after: ${String(error).slice(0, 200)}` }).toBe("connected");
  }
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request with the path sent byte for byte (fetch and Playwright would resolve
 * `../` and re-encode), as an attacker's client can.
 */
export function rawRequest(
  rawPath: string,
  {
    method = "GET",
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const url = new URL(env.APP_URL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method, path: rawPath, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.setTimeout(30_000, () => request.destroy(new Error(`timeout: ${method} ${rawPath}`)));
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/** The session cookie header of a signed-in page, for raw requests. */
export async function cookieHeader(page: Page): Promise<string> {
  const cookies = await page.context().cookies(env.APP_URL);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

interface UserRow {
  id: string;
  email: string;
  health: string;
  [key: string]: unknown;
}

/** Every user row (with connection health) and the audit log as the admin API reports them. */
export async function adminSnapshot(admin: APIRequestContext) {
  const users: UserRow[] = [];
  for (let page = 1; page <= 50; page++) {
    const body = (await (await admin.get(`/api/admin/users?page=${page}`)).json()) as {
      rows: UserRow[];
      pageCount: number;
    };
    users.push(...body.rows);
    if (page >= body.pageCount) break;
  }
  const audit = (await (await admin.get("/api/admin/audit")).json()) as { total: number; rows: Array<{ id: string }> };
  return {
    users: users.sort((a, b) => a.id.localeCompare(b.id)),
    auditTotal: audit.total,
    newestAuditId: audit.rows[0]?.id ?? null,
  };
}

/**
 * Row counts of every table, when the stack runs on PostgreSQL (TEST_DATABASE_URL; CI's
 * second pass). The embedded database belongs to the app process, so then: null.
 */
export async function tableCounts(): Promise<Record<string, number> | null> {
  if (!/^postgres(ql)?:/.test(env.DATABASE_URL ?? "")) return null;
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of ["User", "TeamsConnection", "WebhookEvent", "RepromptRequest", "AuditLog", "Setting"]) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
      counts[table] = rows[0]!.n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

export interface GraphCall {
  service: string;
  method: string;
  path: string;
  status: number;
  at: number;
}

export async function graphCallsSince(since: number): Promise<GraphCall[]> {
  const { calls } = await emulator<{ calls: GraphCall[] }>("/calls");
  return calls.filter((call) => call.service === "graph" && call.at >= since);
}

const ID = "(?:[A-Za-z0-9:@._=-]|%3A|%40)+";

/** Hosted content ids are base64: `+`, `/` and `=` arrive encoded. */
const HOSTED = "(?:[A-Za-z0-9:._=-]|%2B|%2F|%3D|%3A)+";
const MESSAGE = `/v1\\.0/(?:chats/${ID}|teams/${ID}/channels/${ID})/messages/${ID}(?:/replies/${ID})?`;
/** Every Graph path the app may request; anything else means an id changed the path. */
export const GRAPH_ALLOW_LIST = [
  /^\/v1\.0\/me$/,
  /^\/v1\.0\/me\/joinedTeams$/,
  /^\/v1\.0\/me\/chats$/,
  /^\/v1\.0\/me\/presence$/,
  /^\/v1\.0\/\$batch$/,
  new RegExp(`^/v1\\.0/teams/${ID}$`),
  new RegExp(`^/v1\\.0/teams/${ID}/channels$`),
  new RegExp(`^/v1\\.0/teams/${ID}/channels/${ID}$`),
  new RegExp(`^/v1\\.0/teams/${ID}/channels/${ID}/messages$`),
  new RegExp(`^/v1\\.0/teams/${ID}/channels/${ID}/messages/${ID}/replies$`),
  new RegExp(`^/v1\\.0/chats/${ID}$`),
  new RegExp(`^/v1\\.0/chats/${ID}/members$`),
  new RegExp(`^/v1\\.0/chats/${ID}/messages$`),
  /^\/v1\.0\/users$/,
  new RegExp(`^${MESSAGE}/(?:setReaction|unsetReaction)$`),
  new RegExp(`^${MESSAGE}/hostedContents/${HOSTED}/\\$value$`),
  // Live updates: a changed message read by id, and Graph subscriptions (created, renewed, deleted).
  new RegExp(`^${MESSAGE}$`),
  /^\/v1\.0\/subscriptions$/,
  new RegExp(`^/v1\\.0/subscriptions/${ID}(?:/reauthorize)?$`),
];

export function unexpectedGraphPaths(calls: GraphCall[]): string[] {
  return calls.map((call) => call.path).filter((p) => !GRAPH_ALLOW_LIST.some((allowed) => allowed.test(p)));
}
