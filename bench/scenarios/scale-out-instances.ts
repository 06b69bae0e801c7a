/**
 * The scale-out scenario's two app instances: the bench's standalone build started twice
 * on the app port + 5 and + 6 (same database and emulator), with or without `REDIS_URL`.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import type { BenchContext } from "../lib/context";
import { viewDashboard } from "../lib/dashboard-view";
import { APP_DIR, APP_PORT } from "../lib/stack";
// @ts-expect-error -- plain ESM helpers shared with the other launchers
import { assertPortsFree, run, waitForUrl } from "../../scripts/lib/processes.mjs";

const PORTS = [APP_PORT + 5, APP_PORT + 6];

export interface Instances {
  urls: string[];
  stop(): Promise<void>;
}

export async function startInstances(ctx: BenchContext, redisUrl: string | undefined): Promise<Instances> {
  await assertPortsFree(PORTS);
  const children: ChildProcess[] = PORTS.map((port, i) =>
    run(`app-${i + 1}${redisUrl ? "+redis" : ""}`, process.execPath, [path.join(APP_DIR, "server.js")], {
      env: {
        ...ctx.env,
        NODE_ENV: "production",
        HOSTNAME: "localhost",
        PORT: String(port),
        LOG_LEVEL: "warn",
        REDIS_URL: redisUrl ?? "",
      },
    }),
  );
  const urls = PORTS.map((port) => `http://localhost:${port}`);
  await Promise.all(urls.map((url, i) => waitForUrl(`${url}/signin`, { child: children[i], timeoutMs: 60_000 })));
  return {
    urls,
    stop: async () => {
      await Promise.all(
        children.map((child) => {
          if (child.exitCode !== null) return undefined;
          child.kill("SIGTERM");
          return (child as ChildProcess & { exited: Promise<unknown> }).exited;
        }),
      );
    },
  };
}

/** Each instance's `/api/health` as one short line: `200 degraded redis=down`. */
export function healthOf(instances: Instances): Promise<string[]> {
  return Promise.all(
    instances.urls.map(async (url) => {
      const response = await fetch(`${url}/api/health`).catch(() => null);
      if (!response) return "no answer";
      const body = (await response.json().catch(() => ({}))) as {
        status?: string;
        checks?: { redis?: { ok: boolean } };
      };
      return `${response.status} ${body.status} redis=${body.checks?.redis?.ok ? "ok" : "down"}`;
    }),
  );
}

/**
 * A few ordinary (cached, not `?refresh=1`) dashboard views on each fresh instance
 * before anything is measured. A new process loads and compiles its routes on the first
 * requests: measured, the first 2–3 s of a run sent nothing to Graph while both
 * instances sat at 95% CPU, which is start-up cost, not pacing. A fleet behind a load
 * balancer is warm; the refresh budgets the load uses are left untouched.
 */
export async function warmUp(instances: Instances, cookies: string[]): Promise<void> {
  await Promise.all(
    instances.urls.map(async (url) => {
      for (const cookie of cookies) await viewDashboard(url, cookie).catch(() => undefined);
    }),
  );
}
