/**
 * Scale-out (issue 16): two app instances (the same standalone build) on one
 * PostgreSQL, 50 users of one tenant pressing their dashboard's Refresh, alternately
 * through either instance, Graph throttling on. Run twice: without Redis (each
 * instance paces the tenant on its own) and with one Redis (one budget for both);
 * then, still with Redis, Redis is stopped and restarted under load.
 *
 * The emulator's per-team limit (4/s) is switched off here: the tenant pacer paces the
 * per-class tenant limits, which is what scale-out changes (the throttled scenario
 * measures the per-team limit on one instance). Figures come from the emulator's
 * counters: requests admitted and refused (429) per class.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import type { BenchContext, Scenario } from "../lib/context";
import { naiveClient } from "../lib/naive";
import { APP_DIR, APP_PORT } from "../lib/stack";
import { round, sleep } from "../lib/stats";
import { startRedisServer, type RedisServer } from "../../test-support/redis-server";
// @ts-expect-error -- plain ESM helpers shared with the other launchers
import { assertPortsFree, run, waitForUrl } from "../../scripts/lib/processes.mjs";

const PORTS = [APP_PORT + 5, APP_PORT + 6];
const DURATION_S = 30;
const OUTAGE = { totalS: 20, stopAtS: 5, restartAtS: 11 };
const THINK_MS = 1_000;

type ClassName = "teams" | "channels" | "messages" | "presence" | "other";
interface Limit {
  requests: number;
  perSeconds: number;
}
interface Throttling {
  limits: Record<ClassName, Limit>;
  throttled: { total: number; byClass: Partial<Record<ClassName, number>> };
  admitted: { total: number; byClass: Partial<Record<ClassName, number>> };
}

const rate = (limit: Limit) => limit.requests / limit.perSeconds;

/** The dashboard's criteria (scenarios/dashboard.ts), keeping the HTTP status. */
async function view(appUrl: string, cookie: string): Promise<{ status: number; ok: boolean; html: string }> {
  const response = await fetch(`${appUrl}/dashboard?refresh=1`, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  const ok =
    response.status === 200 &&
    html.includes('aria-label="Joined teams"') &&
    html.includes('aria-label="Recent chats"') &&
    !html.includes("data-error-code=") &&
    !html.includes("Presence unavailable");
  return { status: response.status, ok, html };
}

async function startInstances(
  ctx: BenchContext,
  redisUrl: string | undefined,
): Promise<{ urls: string[]; stop: () => Promise<void> }> {
  await assertPortsFree(PORTS);
  const children: ChildProcess[] = PORTS.map((port, i) =>
    run(`app-${i + 1}${redisUrl ? "+redis" : ""}`, process.execPath, [path.join(APP_DIR, "server.js")], {
      env: {
        ...ctx.env,
        NODE_ENV: "production",
        HOSTNAME: "localhost",
        PORT: String(port),
        LOG_LEVEL: "warn",
        ...(redisUrl ? { REDIS_URL: redisUrl } : { REDIS_URL: "" }),
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

interface LoadResult {
  elapsedS: number;
  views: number;
  pagesWithErrors: number;
  degradedViews: number;
  http5xx: number;
  errorSamples: string[];
  /** Highest rate over any ~1 s sample: Graph requests the tenant sent (admitted + 429), by class. */
  peakAttemptsPerSecond: Partial<Record<ClassName, number>>;
  before: Throttling;
  after: Throttling;
}

/** 50 users, each alternating between the instances, `/dashboard?refresh=1` then 1 s of thinking. */
async function load(
  ctx: BenchContext,
  urls: string[],
  seconds: number,
  during?: (elapsedS: number) => Promise<void>,
): Promise<LoadResult> {
  const before = await ctx.control<Throttling>("/graph/throttling");
  let views = 0;
  let pagesWithErrors = 0;
  let degradedViews = 0;
  let http5xx = 0;
  const errorSamples: string[] = [];
  const peak: Partial<Record<ClassName, number>> = {};
  const started = performance.now();
  const until = started + seconds * 1000;
  let previous = { at: performance.now(), counters: before };
  const sampler = (async () => {
    while (performance.now() < until) {
      await sleep(1000);
      const now = { at: performance.now(), counters: await ctx.control<Throttling>("/graph/throttling") };
      const seconds = (now.at - previous.at) / 1000;
      const sent = (t: Throttling, cls: ClassName) => (t.admitted.byClass[cls] ?? 0) + (t.throttled.byClass[cls] ?? 0);
      for (const cls of Object.keys(now.counters.limits) as ClassName[]) {
        peak[cls] = round(
          Math.max(peak[cls] ?? 0, (sent(now.counters, cls) - sent(previous.counters, cls)) / seconds),
          1,
        );
      }
      previous = now;
    }
  })();
  const watcher = (async () => {
    while (during && performance.now() < until) {
      await sleep(500);
      await during((performance.now() - started) / 1000);
    }
  })();
  await Promise.all(
    ctx.loadUsers.map(async (user, i) => {
      await sleep((i * THINK_MS) / ctx.loadUsers.length);
      for (let n = i; performance.now() < until; n++) {
        const appUrl = urls[n % urls.length]!;
        const result = await view(appUrl, user.cookie).catch(() => null);
        views++;
        if (!result) {
          pagesWithErrors++;
          http5xx++;
        } else if (!result.ok) {
          pagesWithErrors++;
          if (result.status >= 500) http5xx++;
          const code =
            /data-error-code="([^"]+)"/.exec(result.html)?.[1] ??
            (result.html.includes("Presence unavailable") ? "presence" : "other");
          if (errorSamples.length < 5) errorSamples.push(code);
        }
        if (result?.html.includes("Channel count unavailable")) degradedViews++;
        await sleep(THINK_MS);
      }
    }),
  );
  await Promise.all([sampler, watcher]);
  const after = await ctx.control<Throttling>("/graph/throttling");
  return {
    elapsedS: (performance.now() - started) / 1000,
    views,
    pagesWithErrors,
    degradedViews,
    http5xx,
    errorSamples,
    peakAttemptsPerSecond: peak,
    before,
    after,
  };
}

function figures(result: LoadResult, limits: Throttling["limits"], limit: number) {
  const admitted = result.after.admitted.total - result.before.admitted.total;
  const refused = result.after.throttled.total - result.before.throttled.total;
  const attemptsPerSecond = (admitted + refused) / result.elapsedS;
  const goodput = admitted / result.elapsedS;
  const delta = (pick: (t: Throttling) => Partial<Record<ClassName, number>>, cls: ClassName) =>
    (pick(result.after)[cls] ?? 0) - (pick(result.before)[cls] ?? 0);
  const byClass = Object.fromEntries(
    (Object.keys(limits) as ClassName[]).map((cls) => [
      cls,
      {
        admittedPerSecond: round(delta((t) => t.admitted.byClass, cls) / result.elapsedS),
        refused429: delta((t) => t.throttled.byClass, cls),
        limitPerSecond: rate(limits[cls]),
      },
    ]),
  ) as Record<ClassName, { admittedPerSecond: number; refused429: number; limitPerSecond: number }>;
  // The class the dashboard runs out of first (channels: one request per team).
  const binding = (Object.keys(byClass) as ClassName[]).reduce((a, b) =>
    byClass[b].admittedPerSecond / byClass[b].limitPerSecond > byClass[a].admittedPerSecond / byClass[a].limitPerSecond
      ? b
      : a,
  );
  const peakRatio = Math.max(
    ...(Object.entries(result.peakAttemptsPerSecond) as Array<[ClassName, number]>).map(
      ([cls, n]) => n / rate(limits[cls]),
    ),
  );
  return {
    attemptsPerSecond: round(attemptsPerSecond),
    goodputPerSecond: round(goodput),
    goodputFraction: round(goodput / limit, 3),
    refused429: refused,
    peakClassRatio: round(peakRatio, 2),
    byClass,
    bindingClass: binding,
    bindingGoodputFraction: round(byClass[binding].admittedPerSecond / byClass[binding].limitPerSecond, 3),
    peakAttemptsPerSecond: result.peakAttemptsPerSecond,
    views: result.views,
    pagesWithErrors: result.pagesWithErrors,
    degradedViews: result.degradedViews,
    http5xx: result.http5xx,
    errorSamples: result.errorSamples,
  };
}

export const scaleOut: Scenario = {
  name: "scale-out",
  title: "Two instances, one tenant, with and without Redis",
  async run(ctx) {
    await ctx.control("/latency", { service: "graph", fixedMs: 80 });
    const teams = (
      (await naiveClient(ctx.nango, ctx.integrationId, ctx.megan.connectionId).dashboardTeams()) as { value: unknown[] }
    ).value.length;
    const settings = await ctx.control<Throttling>("/graph/throttling", {
      reset: true,
      enabled: true,
      perResource: null,
    });
    // One dashboard = presence + joinedTeams + recent chats + one channels list per team.
    const perDashboard = 3 + teams;
    const dashboardsPerSecond = Math.min(
      rate(settings.limits.presence),
      rate(settings.limits.teams),
      rate(settings.limits.other),
      rate(settings.limits.channels) / teams,
    );
    const limit = dashboardsPerSecond * perDashboard;
    let redis: RedisServer | undefined;
    const runs: Record<string, ReturnType<typeof figures>> = {};
    const health: Array<{ atS: number; statuses: string[] }> = [];
    let outage: ReturnType<typeof figures> | undefined;
    try {
      for (const mode of ["without Redis", "with Redis"] as const) {
        if (mode === "with Redis") redis = await startRedisServer();
        const instances = await startInstances(ctx, redis?.url);
        try {
          await ctx.control("/graph/throttling", { reset: true, enabled: true, perResource: null });
          ctx.log(`scale-out ${mode}: two instances at ${instances.urls.join(", ")}`);
          runs[mode] = figures(await load(ctx, instances.urls, DURATION_S), settings.limits, limit);
          if (mode === "with Redis" && redis) {
            ctx.log("scale-out: Redis stopped and restarted under load");
            await sleep(2_000);
            const server = redis;
            let stopped = false;
            let restarted = false;
            const result = await load(ctx, instances.urls, OUTAGE.totalS, async (atS) => {
              if (!stopped && atS >= OUTAGE.stopAtS) {
                stopped = true;
                await server.stop();
              } else if (stopped && !restarted && atS >= OUTAGE.restartAtS) {
                restarted = true;
                await server.start();
              }
              const statuses = await Promise.all(
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
              health.push({ atS: round(atS, 1), statuses });
            });
            outage = figures(result, settings.limits, limit);
          }
        } finally {
          await instances.stop();
        }
      }
    } finally {
      await redis?.stop();
      await ctx.control("/graph/throttling", { reset: true, enabled: false });
    }
    const without = runs["without Redis"]!;
    const withRedis = runs["with Redis"]!;
    const describe = (f: typeof without) =>
      `sent ${f.attemptsPerSecond} req/s, ${f.refused429} × 429 (${
        Object.entries(f.byClass)
          .filter(([, c]) => c.refused429 > 0)
          .map(([cls, c]) => `${cls} ${c.refused429}`)
          .join(", ") || "none"
      }); ${f.bindingClass} ${f.byClass[f.bindingClass].admittedPerSecond} of ${f.byClass[f.bindingClass].limitPerSecond}/s = ${round(f.bindingGoodputFraction * 100)}%, all classes ${f.goodputPerSecond} of ${round(limit)} req/s = ${round(f.goodputFraction * 100)}%; ${f.pagesWithErrors} of ${f.views} pages with errors${f.degradedViews ? `, ${f.degradedViews} without channel counts` : ""}`;
    const stoppedSamples = health.filter((h) => h.atS >= OUTAGE.stopAtS + 2 && h.atS < OUTAGE.restartAtS);
    const lastSamples = health.slice(-1);
    const degradedWhileStopped =
      stoppedSamples.length > 0 &&
      stoppedSamples.every((h) => h.statuses.every((s) => s.startsWith("200 degraded redis=down")));
    const okAfter =
      lastSamples.length > 0 && lastSamples.every((h) => h.statuses.every((s) => s.startsWith("200 ok redis=ok")));
    return {
      goals: [
        {
          goal: "with Redis: combined Graph rate within the limit (0 × 429)",
          measured: describe(withRedis),
          pass: withRedis.refused429 === 0,
        },
        {
          goal: "with Redis: goodput ≥ 80% of the limit (of the binding class)",
          measured: `${withRedis.bindingClass} ${round(withRedis.bindingGoodputFraction * 100)}% of its limit (all classes: ${round(withRedis.goodputFraction * 100)}% of the dashboard mix's)`,
          pass: withRedis.bindingGoodputFraction >= 0.8,
        },
        {
          goal: "with Redis: 0 pages with an error",
          measured: `${withRedis.pagesWithErrors} of ${withRedis.views}`,
          pass: withRedis.pagesWithErrors === 0,
        },
        { goal: "without Redis (the problem)", measured: describe(without), pass: null },
        {
          goal: "Redis stopped mid-run: no 5xx, health degraded, recovers",
          measured: `${outage?.http5xx ?? "?"} × 5xx, ${outage?.pagesWithErrors ?? "?"} of ${outage?.views ?? "?"} pages with errors, ${outage?.refused429 ?? "?"} × 429; health while stopped: ${degradedWhileStopped ? "200 degraded" : "NOT degraded"}, after restart: ${okAfter ? "200 ok" : "NOT ok"}`,
          pass: outage !== undefined && outage.http5xx === 0 && degradedWhileStopped && okAfter,
        },
      ],
      data: {
        users: ctx.loadUsers.length,
        durationS: DURATION_S,
        thinkMs: THINK_MS,
        teamsPerUser: teams,
        limitRequestsPerSecond: round(limit),
        limitDashboardsPerSecond: round(dashboardsPerSecond),
        withoutRedis: without,
        withRedis,
        outage: { ...OUTAGE, ...outage, health },
      },
      notes: [
        "per-team limit (4/s) off in this scenario: the tenant pacer paces Graph's per-class tenant limits; see the throttled scenario for the per-team limit",
        "without Redis each instance also has its own refresh rate limit, so users get twice the refreshes: part of the problem the issue describes",
      ],
    };
  },
};
