/**
 * 1. Dashboard first view, for users whose data is not cached yet: time until the teams
 * and recent chats are in the HTML received (first meaningful paint) and until every
 * streamed section has arrived, against one Graph round trip through the emulated Nango
 * proxy, and the naive sequential baseline. Then the same users return after their cache
 * expired (their teams remembered): fully streamed, against one round trip.
 */
import type { BenchContext, Scenario } from "../lib/context";
import { callTimeline } from "../lib/call-timeline";
import { viewDashboard } from "../lib/dashboard-view";
import { naiveClient } from "../lib/naive";
import { round, summarize } from "../lib/stats";

const LATENCY_MS = 80;
const SAMPLES = 12;

/** One dashboard view of the bench's app; `ms` until the page has fully arrived. */
const timeDashboard = (ctx: BenchContext, cookie: string, path = "/dashboard") =>
  viewDashboard(ctx.appUrl, cookie, path);

/** One view's Graph and Nango calls, each at its arrival (Graph's minus the latency), and when the view completed. */
async function timelineOf(ctx: BenchContext, cookie: string, path?: string): Promise<string[]> {
  await ctx.control("/counters", undefined, "DELETE");
  const started = Date.now();
  const view = await timeDashboard(ctx, cookie, path);
  const timeline = await callTimeline(ctx, started, LATENCY_MS);
  timeline.push(`${Math.round(view.ms)} ms complete`);
  return timeline;
}

export const dashboard: Scenario = {
  name: "dashboard",
  title: "Dashboard first view",
  async run(ctx) {
    await ctx.control("/latency", { service: "graph", fixedMs: LATENCY_MS });
    const naive = naiveClient(ctx.nango, ctx.integrationId, ctx.megan.connectionId);
    for (let i = 0; i < 3; i++) await naive.roundTrip();
    const rtt = await naive.roundTrips(20);
    const naiveTimes: number[] = [];
    await ctx.control("/counters", undefined, "DELETE");
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      await naive.dashboard();
      naiveTimes.push(performance.now() - started);
    }
    const naiveCalls = (await ctx.control<{ total: number }>("/counters?service=graph")).total / 6;

    // One throw-away first view warms the server's code paths (not its data cache: per user).
    await timeDashboard(ctx, ctx.freshUser().cookie);
    const cold: number[] = [];
    const coldFirstPaint: number[] = [];
    let failures = 0;
    await ctx.control("/counters", undefined, "DELETE");
    const warmCookies: string[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const user = ctx.freshUser();
      const result = await timeDashboard(ctx, user.cookie);
      cold.push(result.ms);
      if (result.firstPaintMs !== null) coldFirstPaint.push(result.firstPaintMs);
      if (!result.ok) failures++;
      warmCookies.push(user.cookie);
    }
    const appCalls = (await ctx.control<{ total: number }>("/counters?service=graph")).total / SAMPLES;
    // Where one first view spends its time: each Graph call's arrival after the latency.
    const timeline = await timelineOf(ctx, ctx.freshUser().cookie);
    const warm: number[] = [];
    for (const cookie of warmCookies) warm.push((await timeDashboard(ctx, cookie)).ms);
    // Returning users whose cache expired: the same users again (their teams are remembered
    // now), every read forced to Graph by the page's own Refresh link.
    const returning: number[] = [];
    let returningFailures = 0;
    await ctx.control("/counters", undefined, "DELETE");
    for (const cookie of warmCookies) {
      const result = await timeDashboard(ctx, cookie, "/dashboard?refresh=1");
      returning.push(result.ms);
      if (!result.ok) returningFailures++;
    }
    const returningCalls = await ctx.control<{ total: number; byRoute: Record<string, number> }>(
      "/counters?service=graph",
    );
    const returningTimeline = await timelineOf(ctx, warmCookies[0]!, "/dashboard?refresh=1");

    const rttS = summarize(rtt);
    const appS = summarize(cold);
    const firstPaintS = summarize(coldFirstPaint);
    const firstPaintRatio = firstPaintS.median / rttS.median;
    const naiveS = summarize(naiveTimes);
    const returningS = summarize(returning);
    const returningRatio = returningS.median / rttS.median;
    const ratio = appS.median / rttS.median;
    return {
      goals: [
        {
          goal: "cold user: teams and chats visible ≤ 1.3× RTT",
          measured: `${firstPaintS.median} ms = ${round(firstPaintRatio, 2)}× RTT (p95 ${firstPaintS.p95})`,
          pass: firstPaintRatio <= 1.3 && coldFirstPaint.length === SAMPLES,
        },
        {
          goal: "cold user: fully streamed ≤ 2.2× RTT",
          measured: `${appS.median} ms = ${round(ratio, 2)}× RTT ${rttS.median} ms (p95 ${appS.p95}); naive ${naiveS.median} ms = ${round(naiveS.median / rttS.median, 1)}× (${naiveCalls} calls)`,
          pass: ratio <= 2.2 && failures === 0,
        },
        {
          goal: "returning user, cache expired: fully streamed ≤ 1.3× RTT",
          measured: `${returningS.median} ms = ${round(returningRatio, 2)}× RTT (p95 ${returningS.p95}); ${round(returningCalls.total / SAMPLES, 2)} Graph calls a view`,
          pass: returningRatio <= 1.3 && returningFailures === 0,
        },
      ],
      data: {
        graphLatencyMs: LATENCY_MS,
        returningViewMs: returningS,
        returningGraphCalls: returningCalls.byRoute,
        roundTripMs: rttS,
        firstViewMs: appS,
        firstPaintMs: firstPaintS,
        warmViewMs: summarize(warm),
        naiveMs: naiveS,
        ratio: round(ratio, 2),
        naiveRatio: round(naiveS.median / rttS.median, 2),
        graphCallsPerFirstView: appCalls,
        naiveGraphCalls: naiveCalls,
        failures,
        timeline,
        returningTimeline,
      },
    };
  },
};
