/**
 * The emulator's Graph throttling as the load scenarios use it (throttled, scale-out):
 * its counters' shape, and the one setup both start from: 80 ms Graph latency,
 * throttling on, and the most dashboards per second the emulated tenant limits allow.
 */
import type { BenchContext } from "./context";
import { naiveClient } from "./naive";

export type ClassName = "teams" | "channels" | "messages" | "presence" | "other";

export interface Limit {
  requests: number;
  perSeconds: number;
}

/** `GET /_emulator/graph/throttling`: settings, and admitted/refused counts per class. */
export interface Throttling {
  limits: Record<ClassName, Limit>;
  perResource: Limit | null;
  throttled: { total: number; byClass: Partial<Record<ClassName, number>> };
  admitted: { total: number; byClass: Partial<Record<ClassName, number>> };
}

export const rate = (limit: Limit) => limit.requests / limit.perSeconds;

export const GRAPH_LATENCY_MS = 80;

export interface ThrottledTenant {
  settings: Throttling;
  teamsPerUser: number;
  /** Graph requests of one dashboard: presence + joinedTeams + recent chats + one channels list per team. */
  perDashboard: number;
  dashboardsPerSecond: number;
  /** Graph requests per second of the dashboard mix at the most the limits allow. */
  limit: number;
}

/**
 * Switches the emulator's throttling on (fresh counters) and works out the tenant's
 * limit for the dashboard mix. `perResource: false` turns the per-team limit off.
 */
export async function throttleTenant(
  ctx: BenchContext,
  { perResource = true }: { perResource?: boolean } = {},
): Promise<ThrottledTenant> {
  await ctx.control("/latency", { service: "graph", fixedMs: GRAPH_LATENCY_MS });
  const teams = (
    (await naiveClient(ctx.nango, ctx.integrationId, ctx.megan.connectionId).dashboardTeams()) as { value: unknown[] }
  ).value.length;
  const settings = await ctx.control<Throttling>("/graph/throttling", {
    reset: true,
    enabled: true,
    ...(perResource ? {} : { perResource: null }),
  });
  const dashboardsPerSecond = Math.min(
    rate(settings.limits.presence),
    rate(settings.limits.teams),
    rate(settings.limits.other),
    rate(settings.limits.channels) / teams,
    settings.perResource ? rate(settings.perResource) : Infinity,
  );
  const perDashboard = 3 + teams;
  return {
    settings,
    teamsPerUser: teams,
    perDashboard,
    dashboardsPerSecond,
    limit: dashboardsPerSecond * perDashboard,
  };
}

/** Throttling off again (the emulator's default for the bench), counters cleared. */
export const stopThrottling = (ctx: BenchContext) => ctx.control("/graph/throttling", { reset: true, enabled: false });
