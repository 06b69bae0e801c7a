/**
 * Graph's Teams throttling, per app per tenant (see graph-teams-facts.md): token buckets
 * per endpoint class plus a small per-team/channel bucket. On by default because real
 * clients must cope with 429; switch off or tighten with `POST /_emulator/graph/throttling`.
 */
import type { MiddlewareHandler } from "hono";
import { graphError } from "./errors";
import type { GraphEnv } from "./env";

export type ThrottleClass = "teams" | "channels" | "messages" | "presence" | "other";

export interface Limit {
  requests: number;
  perSeconds: number;
}

export interface ThrottleSettings {
  enabled: boolean;
  /** Send `Retry-After`; off tests clients that must back off without a hint. */
  retryAfter: boolean;
  limits: Record<ThrottleClass, Limit>;
  /** Per app on one team or channel; null disables it. */
  perResource: Limit | null;
}

export const DEFAULT_LIMITS: Record<ThrottleClass, Limit> = {
  teams: { requests: 30, perSeconds: 1 },
  channels: { requests: 60, perSeconds: 1 },
  messages: { requests: 20, perSeconds: 1 },
  presence: { requests: 1500, perSeconds: 30 },
  other: { requests: 30, perSeconds: 1 },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class Throttler {
  settings: ThrottleSettings = Throttler.defaults();
  throttled: Record<string, number> = {};
  /** Requests let through, per class (batch items included): goodput for benchmarks. */
  admitted: Record<string, number> = {};
  private buckets = new Map<string, Bucket>();

  static defaults(): ThrottleSettings {
    return {
      enabled: process.env.EMULATOR_GRAPH_THROTTLING !== "off",
      retryAfter: true,
      limits: structuredClone(DEFAULT_LIMITS),
      perResource: { requests: 4, perSeconds: 1 },
    };
  }

  reset(): void {
    this.settings = Throttler.defaults();
    this.throttled = {};
    this.admitted = {};
    this.buckets.clear();
  }

  /** Fresh buckets (after the limits change). */
  refill(): void {
    this.buckets.clear();
  }

  /** Seconds to wait, or 0 when the request may proceed (and a token was taken). */
  take(key: string, limit: Limit): number {
    const now = Date.now();
    const rate = limit.requests / (limit.perSeconds * 1000);
    const bucket = this.buckets.get(key) ?? { tokens: limit.requests, updatedAt: now };
    bucket.tokens = Math.min(limit.requests, bucket.tokens + (now - bucket.updatedAt) * rate);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
  }

  middleware(cls: ThrottleClass, resourceParam?: string): MiddlewareHandler<GraphEnv> {
    return async (c, next) => {
      if (!this.settings.enabled) return next();
      const { tenant, appId } = c.get("principal");
      const base = `${tenant.id}|${appId}`;
      let wait = this.take(`${base}|${cls}`, this.settings.limits[cls]);
      const resource = resourceParam ? c.req.param(resourceParam) : undefined;
      if (!wait && resource && this.settings.perResource)
        wait = this.take(`${base}|r|${resource}`, this.settings.perResource);
      if (!wait) {
        this.admitted[cls] = (this.admitted[cls] ?? 0) + 1;
        return next();
      }
      this.throttled[cls] = (this.throttled[cls] ?? 0) + 1;
      const headers: Record<string, string> = this.settings.retryAfter ? { "retry-after": String(wait) } : {};
      return graphError(
        c,
        429,
        "TooManyRequests",
        "Too many requests. Please retry after the time specified in the Retry-After header, or back off.",
        headers,
      );
    };
  }
}
