#!/usr/bin/env node
/**
 * `npm run smoke:production` (CI, PostgreSQL phase): the production start command for real.
 * Needs `next build` and TEST_DATABASE_URL (a fresh database is created beside it and
 * dropped afterwards). Against the emulator, on ports 3200/3201 and 4210-4213:
 *  1. `npm start` migrates an empty PostgreSQL database and serves; /api/health is ok;
 *     no demo account was seeded (a real deployment gets none);
 *  2. after an explicit `db:seed`, a password sign-in works and the dashboard renders;
 *  3. a second `npm start` on the same database is healthy; a webhook delivered to
 *     instance 1 is visible through instance 2's API (no state outside Postgres);
 *  4. SIGTERM during a slow request: the request completes, the server exits cleanly.
 * With TEST_REDIS_URL (`.ci/run` sets it) or REDIS_URL, both instances use that Redis:
 * /api/health must report it ok, and the refresh rate limit (5 per user) must be one
 * budget for both (the 6th `?refresh=1`, alternating instances, is refused). Without
 * either, the instances get no Redis at all (an inherited REDIS_URL is cleared).
 * Prints one PASS/FAIL line at the end.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts.ts";
import { DEMO_MEGAN } from "../lib/demo-accounts.ts";
import { signedAuthWebhook } from "../test-support/nango-webhook.ts";
import { assertPortsFree, run, runToEnd, stopAll, tsNode, waitForUrl } from "./lib/processes.mjs";
import { stackEnv } from "./lib/stack-env.mjs";

const started = Date.now();
const APP_PORTS = [Number(process.env.SMOKE_APP_PORT || 3200), Number(process.env.SMOKE_APP_PORT || 3200) + 1];
const EMULATOR_BASE = Number(process.env.SMOKE_EMULATOR_BASE_PORT || 4210);
const REDIS_URL = process.env.TEST_REDIS_URL || process.env.REDIS_URL || "";
const step = (message) => console.log(`[smoke] ${message} (${Math.round((Date.now() - started) / 1000)} s)`);
const check = (ok, message) => {
  if (!ok) throw new Error(message);
};

if (!process.env.TEST_DATABASE_URL?.startsWith("postgres"))
  throw new Error("TEST_DATABASE_URL must be a postgresql:// URL");
if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
await assertPortsFree([...APP_PORTS, EMULATOR_BASE, EMULATOR_BASE + 1, EMULATOR_BASE + 2, EMULATOR_BASE + 3]);

// A fresh database beside TEST_DATABASE_URL.
const dbName = `teams_connect_smoke_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
const admin = async (sql) => {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
};
const databaseUrl = Object.assign(new URL(process.env.TEST_DATABASE_URL), { pathname: `/${dbName}` }).toString();
const query = async (sql) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

const envFor = (port) =>
  stackEnv({
    appPort: port,
    emulatorBasePort: EMULATOR_BASE,
    databaseUrl,
    stateFile: "",
    extra: {
      AUTH_SECRET: "smoke-auth-secret-not-for-production-0000000",
      NANGO_SECRET_KEY: "smoke-nango-secret-key-3333333333333333",
      NANGO_WEBHOOK_SIGNING_KEY: "smoke-webhook-signing-key-4444",
      LOG_LEVEL: "info",
      REDIS_URL,
    },
  });
const [env1, env2] = APP_PORTS.map(envFor);

/**
 * The production start command, its output kept for the checks. `npm start` is exactly
 * `node scripts/start.mjs`; run without npm in between (as a container's CMD should) so
 * SIGTERM reaches the server and a killed launcher leaves no server behind.
 */
function start(name, env) {
  const child = run(name, process.execPath, ["scripts/start.mjs"], { env });
  child.output = "";
  child.stdout.on("data", (chunk) => (child.output += chunk));
  child.stderr.on("data", (chunk) => (child.output += chunk));
  return child;
}

async function waitHealthy(appUrl, child) {
  await waitForUrl(`${appUrl}/api/health`, { child, timeoutMs: 120_000 });
  const response = await fetch(`${appUrl}/api/health`);
  const body = await response.json();
  check(
    response.status === 200 && body.status === "ok",
    `${appUrl}/api/health: ${response.status} ${JSON.stringify(body)}`,
  );
  check(response.headers.get("cache-control") === "no-store", "health must not be cached");
  check(!REDIS_URL || body.checks.redis?.ok === true, `${appUrl}/api/health: Redis not ok ${JSON.stringify(body)}`);
  return body;
}

/** next-auth credentials sign-in over plain HTTP; returns the Cookie header. */
async function signIn(appUrl, email, password) {
  const jar = new Map();
  const keep = (response) => response.headers.getSetCookie().forEach((c) => jar.set(c.split("=")[0], c.split(";")[0]));
  const cookie = () => [...jar.values()].join("; ");
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${appUrl}/api/auth/callback/password`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: appUrl },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${appUrl}/dashboard`, json: "true" }),
  });
  keep(response);
  check(
    [...jar.keys()].some((k) => k.includes("session-token")),
    `sign-in as ${email} failed: ${response.status}`,
  );
  return cookie();
}

let failure;
try {
  await admin(`CREATE DATABASE "${dbName}"`);
  const emulator = run("emulator", ...tsNode("emulator/main.ts"), { env: env1, quiet: true });
  await waitForUrl(`${env1.NANGO_HOST}/_emulator/counters`, { child: emulator, timeoutMs: 30_000 });

  step("1. npm start on an empty PostgreSQL database");
  const app1 = start("app1", env1);
  const health = await waitHealthy(env1.APP_URL, app1);
  step(`instance 1 healthy: ${JSON.stringify(health.checks)}`);
  const [{ users }] = await query(`SELECT count(*)::int AS users FROM "User"`);
  check(users === 0, `production start must not seed demo accounts, found ${users} users`);
  const [{ migrations }] = await query(
    `SELECT count(*)::int AS migrations FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
  );
  step(`migrations applied: ${migrations}; users: 0 (not seeded)`);

  step("2. seed explicitly, sign in, render the dashboard");
  await runToEnd(...tsNode("scripts/db/seed.ts", [], { reactServer: true }), { env: env1 });
  const cookie = await signIn(env1.APP_URL, DEMO_MEGAN.email, DEMO_MEGAN.password);
  const dashboard = await fetch(`${env1.APP_URL}/dashboard`, { headers: { cookie } });
  const html = await dashboard.text();
  check(dashboard.status === 200 && html.includes(DEMO_MEGAN.name), `dashboard: ${dashboard.status}`);
  const css = /\/_next\/static\/[^"]+\.css/.exec(html)?.[0];
  check(css && (await fetch(`${env1.APP_URL}${css}`)).status === 200, `static assets are not served (${css})`);
  step("dashboard rendered for Megan, static assets served");

  step("3. a second instance on the same database");
  const app2 = start("app2", env2);
  await waitHealthy(env2.APP_URL, app2);
  const { uid } = await (await fetch(`${env2.APP_URL}/api/auth/session`, { headers: { cookie } })).json();
  check(uid, "the session cookie from instance 1 is not accepted by instance 2");
  const seeded = await fetch(`${env1.NANGO_HOST}/_emulator/nango/connections`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      endUser: { id: uid, email: DEMO_MEGAN.email, displayName: DEMO_MEGAN.name },
      tenantId: DEMO_MICROSOFT_ACCOUNTS.megan.tenantId,
    }),
  });
  const connectionId = (await seeded.json()).connection.connection_id;
  const hook = signedAuthWebhook(
    {
      connectionId,
      endUser: { id: uid, email: DEMO_MEGAN.email },
      tags: { end_user_email: DEMO_MEGAN.email, end_user_id: uid },
    },
    env1.NANGO_WEBHOOK_SIGNING_KEY,
  );
  const delivered = await fetch(`${env1.APP_URL}/api/webhooks/nango`, { method: "POST", ...hook });
  const { outcome } = await delivered.json();
  check(delivered.status === 200 && outcome === "stored", `webhook to instance 1: ${delivered.status} ${outcome}`);
  const seen = await (await fetch(`${env2.APP_URL}/api/connections`, { headers: { cookie } })).json();
  check(
    seen.connection?.status === "connected" && seen.connection.connectionId === connectionId,
    `instance 2 sees ${JSON.stringify(seen.connection)}`,
  );
  const traced = await fetch(`${env2.APP_URL}/api/connections`, {
    headers: { cookie, "x-request-id": "smoke-request-1" },
  });
  check(traced.headers.get("x-request-id") === "smoke-request-1", "x-request-id is not echoed by /api routes");
  step("webhook delivered to instance 1 is visible through instance 2");

  if (REDIS_URL) {
    // The limit is taken before Graph is called: what Graph answers does not matter here.
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const appUrl = (i % 2 ? env2 : env1).APP_URL;
      const response = await fetch(`${appUrl}/api/me/presence?refresh=1`, { headers: { cookie } });
      const body = await response.json().catch(() => ({}));
      statuses.push(response.status === 429 ? `429 ${body.error?.code ?? body.code}` : String(response.status));
    }
    check(
      statuses.slice(0, 5).every((s) => !s.startsWith("429")) && statuses[5] === "429 rate_limited",
      `refresh limit across both instances (5 per user, shared through Redis): ${statuses.join(", ")}`,
    );
    step(`Redis: one refresh budget for both instances (${statuses.join(", ")})`);
  }

  step("4. SIGTERM with a request in flight");
  // A Connect session request that waits 2 s on (emulated) Nango.
  await fetch(`${env1.NANGO_HOST}/_emulator/latency`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service: "nango", fixedMs: 2_000 }),
  });
  const slow = fetch(`${env2.APP_URL}/api/connect/session`, {
    method: "POST",
    headers: { cookie, origin: env2.APP_URL, "content-type": "application/json" },
    body: "{}",
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  app2.kill("SIGTERM");
  const inFlight = await slow;
  check(
    inFlight.status === 200,
    `the in-flight request was cut off: ${inFlight.status} ${await inFlight.clone().text()}`,
  );
  const exit2 = await app2.exited;
  check(exit2.code === 143 || exit2.code === 0, `instance 2 exited with ${JSON.stringify(exit2)}`);
  check(app2.output.includes('"shutdown complete"'), "instance 2 did not log shutdown complete");
  app1.kill("SIGTERM");
  const exit1 = await app1.exited;
  check(exit1.code === 143 || exit1.code === 0, `instance 1 exited with ${JSON.stringify(exit1)}`);
  step(`in-flight request answered 200 during shutdown; exits: ${exit2.code}, ${exit1.code} (143 = SIGTERM handled)`);
} catch (error) {
  failure = error;
} finally {
  stopAll("SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 300));
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((error) =>
    console.error(`[smoke] could not drop ${dbName}: ${error.message}`),
  );
}
const seconds = Math.round((Date.now() - started) / 1000);
if (failure) {
  console.error(
    `\n✖ FAIL production smoke test (${seconds} s): ${failure instanceof Error ? failure.message : failure}`,
  );
  process.exit(1);
}
console.log(`\n✔ PASS production smoke test: npm start on PostgreSQL, two instances, graceful shutdown (${seconds} s)`);
process.exit(0);
