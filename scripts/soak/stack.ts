/**
 * The soak stack: a throwaway PostgreSQL database, the emulator in this process (so the
 * soak can mint Graph tokens with its signing key), and app instances (`next start`,
 * production build) that the scenarios can SIGKILL and restart. Loopback only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
// @ts-expect-error -- plain ESM helper shared with the launcher scripts
import { stackEnv } from "../lib/stack-env.mjs";

export const PORTS = {
  apps: [Number(process.env.SOAK_APP_PORT || 3500), Number(process.env.SOAK_APP_PORT || 3500) + 1],
  emulatorBase: Number(process.env.SOAK_EMULATOR_BASE_PORT || 4510),
};
const DB_NAME = `teams_connect_soak_${process.pid}`;
const PG_ROOT = process.env.SOAK_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
export const DATABASE_URL = PG_ROOT.replace(/\/[^/]*$/, `/${DB_NAME}`);
export const KEYS = {
  AUTH_SECRET: "soak-auth-secret-not-for-production-00000000000",
  NANGO_SECRET_KEY: "soak-nango-secret-key-3333333333333333",
  NANGO_WEBHOOK_SIGNING_KEY: "soak-webhook-signing-key-4444",
};

export function appEnv(port: number): Record<string, string> {
  const env = stackEnv({
    appPort: port,
    emulatorBasePort: PORTS.emulatorBase,
    databaseUrl: DATABASE_URL,
    stateFile: "",
    extra: { ...KEYS, LOG_LEVEL: "warn" },
  }) as Record<string, string>;
  return {
    ...env,
    NODE_ENV: "production",
    EMULATOR_WEBHOOK_URL: `http://localhost:${PORTS.apps[0]}/api/webhooks/nango`,
  };
}

export async function withAdminDb<T>(fn: (client: pg.Client) => Promise<T>, url = PG_ROOT): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const db = <T>(fn: (client: pg.Client) => Promise<T>) => withAdminDb(fn, DATABASE_URL);

export async function createDatabase(): Promise<void> {
  await withAdminDb((c) => c.query(`CREATE DATABASE "${DB_NAME}"`));
  await runToEnd(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/db/prepare.ts"],
    appEnv(PORTS.apps[0]!),
  );
}

export async function dropDatabase(): Promise<void> {
  await withAdminDb((c) => c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`));
}

function runToEnd(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) if (child.pid) tryKill(-child.pid, "SIGKILL");
});

function tryKill(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** One `next start` process group (its own group, so a SIGKILL takes any worker with it). */
export class AppInstance {
  child: ChildProcess | null = null;
  readonly url: string;
  log = "";

  constructor(readonly port: number) {
    this.url = `http://localhost:${port}`;
  }

  async start(): Promise<void> {
    const child = spawn("node_modules/.bin/next", ["start", "--port", String(this.port)], {
      env: { ...process.env, ...appEnv(this.port) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    running.add(child);
    child.on("exit", () => running.delete(child));
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-200_000);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.child = child;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`app on ${this.port} exited: ${this.log.slice(-2000)}`);
      const ok = await fetch(`${this.url}/signin`, { redirect: "manual" }).then(
        (r) => r.status < 500,
        () => false,
      );
      if (ok) return;
      await sleep(250);
    }
    throw new Error(`app on ${this.port} did not start`);
  }

  /** Hard kill, as a crashed host or an OOM kill would: no shutdown hooks run. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    tryKill(-child.pid, "SIGKILL");
    await exited;
    this.child = null;
  }

  /** Resident memory of the instance's process group, in MB. */
  rssMb(): number {
    if (!this.child?.pid) return 0;
    let total = 0;
    for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(fields[2]) !== this.child.pid) continue; // process group id
        const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        total += rss ? Number(rss[1]) : 0;
      } catch {
        // exited meanwhile
      }
    }
    return Math.round(total / 1024);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
