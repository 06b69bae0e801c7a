/**
 * 5. Throttled tenant: Graph's per-tenant limits on (emulator defaults), 50 users of
 * one tenant press their dashboard's Refresh (`/dashboard?refresh=1`) for 30 s, each
 * waiting 1 s after a page has fully arrived. Goodput is the Graph requests the
 * emulator let through (batch items included) per second, as a fraction of the most
 * this mix of requests can get through the emulator's limits.
 */
import type { Scenario } from "../lib/context";
import { naiveClient } from "../lib/naive";
import { timeDashboard } from "./dashboard";
import { round, sleep, summarize } from "../lib/stats";

const DURATION_S = 30;
const THINK_MS = 1_000;

interface Limit {
  requests: number;
  perSeconds: number;
}
interface Throttling {
  limits: Record<"teams" | "channels" | "messages" | "presence" | "other", Limit>;
  perResource: Limit | null;
  throttled: { total: number; byClass: Record<string, number> };
  admitted: { total: number; byClass: Record<string, number> };
}

const rate = (limit: Limit) => limit.requests / limit.perSeconds;

export const throttled: Scenario = {
  name: "throttled",
  title: "Throttled tenant",
  async run(ctx) {
    await ctx.control("/latency", { service: "graph", fixedMs: 80 });
    const teams = (
      (await naiveClient(ctx.nango, ctx.integrationId, ctx.megan.connectionId).dashboardTeams()) as { value: unknown[] }
    ).value.length;
    const settings = await ctx.control<Throttling>("/graph/throttling", { reset: true, enabled: true });
    // One dashboard = presence + joinedTeams + recent chats + one channels list per team.
    const perDashboard = 3 + teams;
    const dashboardsPerSecond = Math.min(
      rate(settings.limits.presence),
      rate(settings.limits.teams),
      rate(settings.limits.other),
      rate(settings.limits.channels) / teams,
      settings.perResource ? rate(settings.perResource) : Infinity,
    );
    const limit = dashboardsPerSecond * perDashboard;

    const latencies: number[] = [];
    let views = 0;
    let failures = 0;
    let degraded = 0;
    let httpErrors = 0;
    const failureSamples: string[] = [];
    const started = performance.now();
    const until = started + DURATION_S * 1000;
    await Promise.all(
      ctx.loadUsers.map(async (user, i) => {
        await sleep((i * THINK_MS) / ctx.loadUsers.length);
        while (performance.now() < until) {
          const result = await timeDashboard(ctx, user.cookie, "/dashboard?refresh=1").catch(() => null);
          views++;
          if (!result) {
            httpErrors++;
            failures++;
          } else {
            latencies.push(result.ms);
            if (!result.ok) {
              failures++;
              const code =
                /data-error-code="([^"]+)"/.exec(result.html)?.[1] ??
                (result.html.includes("Presence unavailable") ? "presence" : "other");
              if (failureSamples.length < 5) failureSamples.push(code);
            }
            if (result.html.includes("Channel count unavailable")) degraded++;
          }
          await sleep(THINK_MS);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const after = await ctx.control<Throttling>("/graph/throttling");
    await ctx.control("/graph/throttling", { reset: true, enabled: false });
    const goodput = after.admitted.total / elapsed;
    const fraction = goodput / limit;
    return {
      goals: [
        {
          goal: "goodput ≥ 80% of the limit",
          measured: `${round(goodput)} of ${round(limit)} req/s = ${round(fraction * 100)}% (${after.throttled.total} × 429)`,
          pass: fraction >= 0.8,
        },
        {
          goal: "0 user-visible failures",
          measured: `${failures} of ${views} views failed${degraded ? `, ${degraded} without channel counts` : ""}`,
          pass: failures === 0,
        },
      ],
      data: {
        users: ctx.loadUsers.length,
        durationS: round(elapsed),
        thinkMs: THINK_MS,
        teamsPerUser: teams,
        limitRequestsPerSecond: round(limit),
        limitDashboardsPerSecond: round(dashboardsPerSecond),
        goodputRequestsPerSecond: round(goodput),
        goodputFraction: round(fraction, 3),
        admitted: after.admitted,
        throttled429: after.throttled,
        views,
        failures,
        failureSamples,
        degradedViews: degraded,
        httpErrors,
        viewMs: summarize(latencies),
      },
    };
  },
};
