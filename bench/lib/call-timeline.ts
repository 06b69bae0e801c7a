import type { BenchContext } from "./context";

/**
 * The emulator's Nango and Graph calls since its counters were last reset, each at its
 * arrival in ms after `startedAt` (epoch ms): a Graph call is logged once its fixed
 * latency has passed, so that latency is taken off.
 */
export async function callTimeline(ctx: BenchContext, startedAt: number, graphLatencyMs: number): Promise<string[]> {
  const { calls } = await ctx.control<{
    calls: Array<{ service: string; method: string; path: string; at: number }>;
  }>("/calls");
  return calls
    .filter((call) => call.service === "graph" || call.service === "nango")
    .map(
      (call) =>
        `${Math.round(call.at - startedAt - (call.service === "graph" ? graphLatencyMs : 0))} ms ${call.service} ${call.method} ${call.path}`,
    );
}
