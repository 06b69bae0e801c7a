/**
 * 5. Throttled tenant: Graph's per-tenant limits on (emulator defaults), 50 users of
 * one tenant press their dashboard's Refresh (`/dashboard?refresh=1`) for 30 s, each
 * waiting 1 s after a page has fully arrived. Goodput is the Graph requests the
 * emulator let through (batch items included) per second, as a fraction of the most
 * this mix of requests can get through the emulator's limits.
 */
import type { Scenario } from "../lib/context";
import { refreshLoad } from "../lib/refresh-load";
import { round, summarize } from "../lib/stats";
import { stopThrottling, throttleTenant, type Throttling } from "../lib/throttling";

const DURATION_S = 30;
const THINK_MS = 1_000;

export const throttled: Scenario = {
  name: "throttled",
  title: "Throttled tenant",
  async run(ctx) {
    const tenant = await throttleTenant(ctx);
    const load = await refreshLoad(ctx, { seconds: DURATION_S, thinkMs: THINK_MS });
    const after = await ctx.control<Throttling>("/graph/throttling");
    await stopThrottling(ctx);
    const goodput = after.admitted.total / load.elapsedS;
    const fraction = goodput / tenant.limit;
    return {
      goals: [
        {
          goal: "goodput ≥ 80% of the limit",
          measured: `${round(goodput)} of ${round(tenant.limit)} req/s = ${round(fraction * 100)}% (${after.throttled.total} × 429)`,
          pass: fraction >= 0.8,
        },
        {
          goal: "0 user-visible failures",
          measured: `${load.pagesWithErrors} of ${load.views} views failed${load.degradedViews ? `, ${load.degradedViews} without channel counts` : ""}`,
          pass: load.pagesWithErrors === 0,
        },
      ],
      data: {
        users: ctx.loadUsers.length,
        durationS: round(load.elapsedS),
        thinkMs: THINK_MS,
        teamsPerUser: tenant.teamsPerUser,
        limitRequestsPerSecond: round(tenant.limit),
        limitDashboardsPerSecond: round(tenant.dashboardsPerSecond),
        goodputRequestsPerSecond: round(goodput),
        goodputFraction: round(fraction, 3),
        admitted: after.admitted,
        throttled429: after.throttled,
        views: load.views,
        failures: load.pagesWithErrors,
        failureSamples: load.errorSamples,
        degradedViews: load.degradedViews,
        httpErrors: load.unanswered,
        viewMs: summarize(load.latenciesMs),
      },
    };
  },
};
