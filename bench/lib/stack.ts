/**
 * The bench's own stack: a production build (built under the shared build lock, then
 * snapshotted so a concurrent rebuild of `.next` cannot change the server under test),
 * a fresh PostgreSQL database, the emulator on 4410–4413 and the app on 3400
 * (`BENCH_APP_PORT` / `BENCH_EMULATOR_BASE_PORT` move them, for a second bench or a
 * shared machine; the scale-out scenario's two instances take the app port + 5 and + 6).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import pg from "pg";
// @ts-expect-error -- plain ESM helpers shared with the other launchers
import { assertPortsFree, run, runToEnd, tsNode, waitForUrl } from "../../scripts/lib/processes.mjs";
// @ts-expect-error -- plain ESM helper shared with the other launchers
import { stackEnv } from "../../scripts/lib/stack-env.mjs";
import { DEMO_TENANTS } from "../../emulator/data/demo-accounts";
import { signedAuthWebhook } from "../../test-support/nango-webhook";

export const APP_PORT = Number(process.env.BENCH_APP_PORT || 3400);
export const EMULATOR_BASE_PORT = Number(process.env.BENCH_EMULATOR_BASE_PORT || 4410);
export const BUILD_LOCK = "/tmp/teams-connect-build.lock";
/** The snapshot of the standalone build the bench runs (git-ignored under .data). */
export const APP_DIR = path.resolve(".data/bench/app");
export const BENCH_PASSWORD = "bench-password";
const PG_ADMIN = "postgresql://postgres@127.0.0.1:5432";

export type Env = Record<string, string>;

export function benchEnv(databaseUrl: string): Env {
  return stackEnv({
    appPort: APP_PORT,
    emulatorBasePort: EMULATOR_BASE_PORT,
    databaseUrl,
    stateFile: "",
    extra: {
      AUTH_SECRET: "bench-auth-secret-not-for-production-0000000000",
      NANGO_SECRET_KEY: "bench-nango-secret-key-3333333333333333",
      NANGO_WEBHOOK_SIGNING_KEY: "bench-webhook-signing-key-4444",
      LOG_LEVEL: "error",
      // The emulator starts with Graph throttling off; the throttled scenario switches it on.
      EMULATOR_GRAPH_THROTTLING: "off",
    },
  }) as Env;
}

/**
 * `next build` under the shared lock, then a copy of the standalone server with its
 * static files, made while still holding the lock so the snapshot is one build.
 */
export function buildAndSnapshot({ skipBuild }: { skipBuild: boolean }): void {
  const steps = [
    ...(skipBuild ? [] : ["node_modules/.bin/next build"]),
    `rm -rf ${APP_DIR}`,
    `mkdir -p ${path.dirname(APP_DIR)}`,
    `cp -r .next/standalone ${APP_DIR}`,
    // (npm run build's postbuild may have copied these already: replace them.)
    `rm -rf ${APP_DIR}/.next/static ${APP_DIR}/public`,
    `cp -r .next/static ${APP_DIR}/.next/static`,
    // public/ is in git, but a checkout without it must still bench.
    `if [ -d public ]; then cp -r public ${APP_DIR}/public; fi`,
    // Client weight is read from this same build's manifests.
    `cp .next/build-manifest.json ${APP_DIR}/.next/build-manifest.json`,
  ];
  execFileSync("flock", [BUILD_LOCK, "sh", "-c", steps.join(" && ")], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

export async function createDatabase(): Promise<{ url: string; drop: () => void }> {
  const name = `teams_connect_bench_${process.pid}`;
  execFileSync("dropdb", ["--if-exists", "-h", "127.0.0.1", "-U", "postgres", name]);
  execFileSync("createdb", ["-h", "127.0.0.1", "-U", "postgres", name]);
  return {
    url: `${PG_ADMIN}/${name}`,
    drop: () => {
      try {
        execFileSync("dropdb", ["--if-exists", "--force", "-h", "127.0.0.1", "-U", "postgres", name], {
          stdio: "ignore",
        });
      } catch {
        // best effort at exit
      }
    },
  };
}

export interface BenchUser {
  id: string;
  email: string;
  name: string;
  cookie: string;
}

/** Migrates (+ demo accounts), then inserts `count` app users sharing one password hash. */
export async function prepareDatabase(env: Env, count: number): Promise<Array<Omit<BenchUser, "cookie">>> {
  await runToEnd(...tsNode("scripts/db/prepare.ts", [], { reactServer: true }), { env });
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const hash = await bcrypt.hash(BENCH_PASSWORD, 10);
    const users = [];
    for (let i = 1; i <= count; i++) {
      const email = `bench-${String(i).padStart(3, "0")}@example.com`;
      const name = `Bench User ${i}`;
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING id`,
        [email, name, hash],
      );
      users.push({ id: rows[0]!.id, email, name });
    }
    return users;
  } finally {
    await client.end();
  }
}

export function startEmulator(env: Env) {
  const child = run("emulator", ...tsNode("emulator/main.ts"), { env, quiet: true });
  return waitForUrl(`${env.NANGO_HOST}/_emulator/counters`, { child, timeoutMs: 30_000 }).then(() => child);
}

export async function startApp(env: Env): Promise<{ pid: number }> {
  // BENCH_CPU_PROF_DIR=<dir> profiles the server (Node 20 refuses --cpu-prof in NODE_OPTIONS).
  const profile = process.env.BENCH_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
    : [];
  const child = run("app", process.execPath, [...profile, path.join(APP_DIR, "server.js")], {
    env: { ...env, NODE_ENV: "production", HOSTNAME: "localhost", PORT: String(APP_PORT) },
  });
  await waitForUrl(`${env.APP_URL}/signin`, { child, timeoutMs: 60_000 });
  return { pid: child.pid as number };
}

export async function assertFree(): Promise<void> {
  await assertPortsFree([
    APP_PORT,
    EMULATOR_BASE_PORT,
    EMULATOR_BASE_PORT + 1,
    EMULATOR_BASE_PORT + 2,
    EMULATOR_BASE_PORT + 3,
  ]);
}

/** The emulator's control API (`/_emulator/*`). */
export function controlClient(env: Env) {
  return async function control<T = unknown>(route: string, body?: unknown, method?: string): Promise<T> {
    const response = await fetch(`${env.NANGO_HOST}/_emulator${route}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}
export type Control = ReturnType<typeof controlClient>;

/** Signs in with email + password through next-auth's own endpoints; returns the Cookie header. */
export async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${appUrl}/api/auth/callback/password`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${appUrl}/dashboard` }),
  });
  keep(response);
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed (${response.status})`);
  return `${session}=${jar.get(session)}`;
}

/**
 * Gives an app user a Teams connection without a browser: a Nango connection seeded in
 * the emulator holding a real Graph access token (one issued by the emulated Microsoft
 * through the Connect UI), then Nango's signed `creation` webhook, which the app
 * verifies with Nango and maps to the user exactly as for a real connection.
 */
export async function connectUser(
  env: Env,
  control: Control,
  user: { id: string; email: string; name: string },
  accessToken: string,
): Promise<void> {
  const { connection } = await control<{ connection: { connection_id: string } }>("/nango/connections", {
    endUser: { id: user.id, email: user.email, displayName: user.name },
    tenantId: DEMO_TENANTS.contoso.id,
    accessToken,
  });
  const webhook = signedAuthWebhook(
    { connectionId: connection.connection_id, endUser: { id: user.id }, tags: { end_user_id: user.id } },
    env.NANGO_WEBHOOK_SIGNING_KEY!,
  );
  const response = await fetch(`${env.APP_URL}/api/webhooks/nango`, { method: "POST", ...webhook });
  const result = (await response.json()) as { outcome?: string };
  if (result.outcome !== "stored")
    throw new Error(`webhook for ${user.email}: ${response.status} ${JSON.stringify(result)}`);
}

/** Resident set size of a process, in MB (VmRSS from /proc). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * CPU time a process has used so far (user + system), in ms, from /proc/<pid>/stat.
 * The kernel counts in clock ticks of 10 ms (USER_HZ is 100 on Linux).
 */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces: count fields after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
