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
import type { Scenario } from "../lib/context";
import { round, sleep } from "../lib/stats";
import { stopThrottling, throttleTenant } from "../lib/throttling";
import { startRedisServer, type RedisServer } from "../../test-support/redis-server";
import { describe, figures, measuredLoad, type Figures } from "./scale-out-figures";
import { healthOf, startInstances, warmUp } from "./scale-out-instances";

const DURATION_S = 30;
const OUTAGE = { totalS: 20, stopAtS: 5, restartAtS: 11 };
const THINK_MS = 1_000;
/** Dashboard views per fresh instance before measuring (see warmUp). */
const WARM_UP_VIEWS = 4;

export const scaleOut: Scenario = {
  name: "scale-out",
  title: "Two instances, one tenant, with and without Redis",
  async run(ctx) {
    const tenant = await throttleTenant(ctx, { perResource: false });
    const { limits } = tenant.settings;
    let redis: RedisServer | undefined;
    const runs: Partial<Record<"without Redis" | "with Redis", Figures>> = {};
    const health: Array<{ atS: number; statuses: string[] }> = [];
    let outage: Figures | undefined;
    try {
      for (const mode of ["without Redis", "with Redis"] as const) {
        if (mode === "with Redis") redis = await startRedisServer();
        const instances = await startInstances(ctx, redis?.url);
        try {
          await warmUp(
            instances,
            ctx.loadUsers.slice(0, WARM_UP_VIEWS).map((user) => user.cookie),
          );
          await ctx.control("/graph/throttling", { reset: true, enabled: true, perResource: null });
          ctx.log(`scale-out ${mode}: two instances at ${instances.urls.join(", ")}`);
          const load = await measuredLoad(ctx, { urls: instances.urls, seconds: DURATION_S, thinkMs: THINK_MS });
          runs[mode] = figures(load, limits, tenant.limit);
          if (mode === "with Redis" && redis) {
            ctx.log("scale-out: Redis stopped and restarted under load");
            await sleep(2_000);
            const server = redis;
            let stopped = false;
            let restarted = false;
            const during = async (atS: number) => {
              if (!stopped && atS >= OUTAGE.stopAtS) {
                stopped = true;
                await server.stop();
              } else if (stopped && !restarted && atS >= OUTAGE.restartAtS) {
                restarted = true;
                await server.start();
              }
              health.push({ atS: round(atS, 1), statuses: await healthOf(instances) });
            };
            const result = await measuredLoad(
              ctx,
              { urls: instances.urls, seconds: OUTAGE.totalS, thinkMs: THINK_MS },
              during,
            );
            outage = figures(result, limits, tenant.limit);
          }
        } finally {
          await instances.stop();
        }
      }
    } finally {
      await redis?.stop();
      await stopThrottling(ctx);
    }
    const without = runs["without Redis"]!;
    const withRedis = runs["with Redis"]!;
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
          measured: describe(withRedis, tenant.limit),
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
        { goal: "without Redis (the problem)", measured: describe(without, tenant.limit), pass: null },
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
        warmUpViewsPerInstance: WARM_UP_VIEWS,
        teamsPerUser: tenant.teamsPerUser,
        limitRequestsPerSecond: round(tenant.limit),
        limitDashboardsPerSecond: round(tenant.dashboardsPerSecond),
        withoutRedis: without,
        withRedis,
        outage: { ...OUTAGE, ...outage, health },
      },
      notes: [
        "per-team limit (4/s) off in this scenario: the tenant pacer paces Graph's per-class tenant limits; see the throttled scenario for the per-team limit",
        `each fresh instance serves ${WARM_UP_VIEWS} ordinary dashboard views before a run is measured (start-up cost is not pacing)`,
        "without Redis each instance also has its own refresh rate limit, so users get twice the refreshes: part of the problem the issue describes",
      ],
    };
  },
};
