/**
 * The app's API routes and pages, read from the file system (app/api/**\/route.ts,
 * app/**\/page.tsx), so the security specs cover a route the day it is added: a new
 * dynamic segment without a sample value here fails the specs instead of being skipped.
 */
import fs from "node:fs";
import path from "node:path";

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface ApiRoute {
  file: string;
  /** URL template with `[name]` segments, e.g. `/api/teams/[teamId]/channels`. */
  template: string;
  /** Dynamic segment names, in order. */
  params: string[];
  methods: string[];
}

/**
 * Routes that do not use the app session, and why; every other route must pass the
 * session, CSRF and ownership checks.
 */
export const NON_SESSION_ROUTES: Record<string, string> = {
  "/api/auth/[...nextauth]":
    "next-auth's own endpoints (sign-in, callbacks, sign-out) with its double-submit CSRF token",
  "/api/webhooks/nango": "authenticated by Nango's HMAC signature (webhook-forgery.spec.ts)",
  "/api/graph/notifications":
    "Microsoft Graph's change notifications, server to server: authenticated by each subscription's clientState (graph-notifications.spec.ts)",
  "/api/graph/lifecycle":
    "Microsoft Graph's lifecycle notifications, server to server: authenticated by each subscription's clientState (graph-notifications.spec.ts)",
  "/api/health":
    "public liveness/readiness probe for load balancers: GET only, no user data (scanned by secrets.spec.ts)",
  "/api/tenant-consent/callback":
    "Microsoft's redirect back from the admin-consent endpoint, opened by an organization admin who may have no account here: authenticated by the app-signed state (lib/tenants/signed-state.ts); shows no data",
};

function walk(dir: string, name: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, name);
    return entry.name === name ? [full] : [];
  });
}

/** `app/(app)/teams/[teamId]/page.tsx` → `/teams/[teamId]` (route groups dropped). */
function templateOf(file: string, leaf: string): string {
  const dir = path.dirname(path.relative("app", file)).split(path.sep);
  const url = dir.filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
  void leaf;
  return `/${url.join("/")}`;
}

function paramsOf(template: string): string[] {
  return [...template.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((match) => match[1]!);
}

/** Methods a route module exports: `export const GET`, `export async function POST`, `export { handler as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const method of METHODS) {
    if (new RegExp(`export\\s+(const|let|var|async\\s+function|function)\\s+${method}\\b`).test(source))
      found.add(method);
    if (new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b[^}]*\\}`).test(source)) found.add(method);
    if (new RegExp(`export\\s*\\{[^}]*(^|[\\s,{])${method}\\s*[,}]`).test(source)) found.add(method);
  }
  return [...found];
}

export function apiRoutes(): ApiRoute[] {
  return walk("app/api", "route.ts")
    .sort()
    .map((file) => {
      const template = templateOf(file, "route.ts");
      return { file, template, params: paramsOf(template), methods: exportedMethods(fs.readFileSync(file, "utf8")) };
    });
}

export function pageTemplates(): string[] {
  return walk("app", "page.tsx")
    .map((file) => templateOf(file, "page.tsx"))
    .sort();
}

/** Fills `[name]` segments from `values`; throws (failing the spec) for a segment nobody gave a value for. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(
        `No sample value for the dynamic segment [${name}] of ${template}: add one to the security specs`,
      );
    return encodeURIComponent(value);
  });
}

/** Files that declare server actions (`"use server"`), relative to the project root. */
export function serverActionFiles(): string[] {
  const roots = ["app", "components", "lib"];
  const files = roots
    .flatMap((root) => walkAll(root))
    .filter((file) => /\.(ts|tsx|js|mjs)$/.test(file) && !file.includes(`${path.sep}generated${path.sep}`));
  return files.filter((file) => /^\s*["']use server["']/m.test(fs.readFileSync(file, "utf8"))).sort();
}

function walkAll(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walkAll(full);
    return [full];
  });
}

const SAMPLE_MESSAGE = { content: "security suite" };

/** Headers a valid request carries besides the session (sends need an Idempotency-Key). */
export const SAMPLE_HEADERS = { "idempotency-key": "security-suite-0001" };

/** Sample values of the write routes' segments that are not ids of anyone's data. */
export const SAMPLE_WRITE_SEGMENTS = { type: "like", hostedId: "aGk=" };

/** A JSON body that is valid for each state-changing route, so only the check under test can refuse it. */
export function sampleBody(template: string, method: string, ids: { connectionId: string; userId: string }): unknown {
  const key = `${method} ${template}`;
  const bodies: Record<string, unknown> = {
    "POST /api/connect/session": { intent: "connect" },
    "POST /api/connections": { connectionId: ids.connectionId },
    "DELETE /api/connections": undefined,
    "POST /api/admin/reprompts": { prompt: "consent", reason: "security suite", target: { userIds: [ids.userId] } },
    "PUT /api/admin/settings/allowed-tenants": { tenants: [] },
    "PUT /api/admin/tenants/[tenantId]/policy": { userConsent: "unknown" },
    "POST /api/connect/failure": { reason: "cancelled" },
    "DELETE /api/admin/users/[userId]/connection": undefined,
    "DELETE /api/admin/users/[userId]/reprompt": undefined,
    "PUT /api/chats/[chatId]/messages/[messageId]/reactions/[type]": undefined,
    "DELETE /api/chats/[chatId]/messages/[messageId]/reactions/[type]": undefined,
    "PUT /api/teams/[teamId]/channels/[channelId]/messages/[messageId]/reactions/[type]": undefined,
    "DELETE /api/teams/[teamId]/channels/[channelId]/messages/[messageId]/reactions/[type]": undefined,
    "PUT /api/teams/[teamId]/channels/[channelId]/messages/[messageId]/replies/[replyId]/reactions/[type]": undefined,
    "DELETE /api/teams/[teamId]/channels/[channelId]/messages/[messageId]/replies/[replyId]/reactions/[type]":
      undefined,
    "POST /api/chats/[chatId]/messages": SAMPLE_MESSAGE,
    "POST /api/teams/[teamId]/channels/[channelId]/messages": SAMPLE_MESSAGE,
    "POST /api/teams/[teamId]/channels/[channelId]/messages/[messageId]/replies": SAMPLE_MESSAGE,
  };
  if (!(key in bodies)) return {};
  return bodies[key];
}
