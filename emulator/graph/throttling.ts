/**
 * Graph's Teams throttling, per app per tenant (see graph-teams-facts.md): token buckets
 * per endpoint class plus a small per-team/channel bucket. On by default because real
 * clients must cope with 429; switch off or tighten with `POST /_emulator/graph/throttling`.
 *
 * Posting messages has its own classes, from "Microsoft Teams service limits" in Graph's
 * throttling-limits reference: POST 1:1/group chat message 20 rps and POST channel message
 * 50 rps per app per tenant, at most 4 rps per app on one channel, at most 3000 messages
 * per app per day to one channel. Per conversation (chat or channel) the emulator also
 * allows only 10 messages per 10 s, the throughput chatmessage-post documents for the API.
 */
import type { Context, MiddlewareHandler, Next } from "hono";
import { graphError } from "./errors";
import type { GraphEnv } from "./env";

export type ThrottleClass = "teams" | "channels" | "messages" | "presence" | "other" | "chatWrites" | "channelWrites";

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
  /** Message posts per app on one chat or channel, and per channel per day; null disables each. */
  writes: { perConversation: Limit | null; perChannelPerDay: Limit | null };
}

export const DEFAULT_LIMITS: Record<ThrottleClass, Limit> = {
  teams: { requests: 30, perSeconds: 1 },
  channels: { requests: 60, perSeconds: 1 },
  messages: { requests: 20, perSeconds: 1 },
  presence: { requests: 1500, perSeconds: 30 },
  other: { requests: 30, perSeconds: 1 },
  chatWrites: { requests: 20, perSeconds: 1 },
  channelWrites: { requests: 50, perSeconds: 1 },
};

export const DEFAULT_WRITE_LIMITS: ThrottleSettings["writes"] = {
  perConversation: { requests: 10, perSeconds: 10 },
  perChannelPerDay: { requests: 3000, perSeconds: 86_400 },
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
      writes: structuredClone(DEFAULT_WRITE_LIMITS),
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
      const resource = resourceParam ? c.req.param(resourceParam) : undefined;
      const buckets: Bucketed[] =
        resource && this.settings.perResource ? [["r", resource, this.settings.perResource]] : [];
      return this.admit(c, next, cls, buckets);
    };
  }

  /** For message POSTs: the write class, then the per-channel, per-conversation and daily buckets. */
  writeMiddleware(kind: "chat" | "channel"): MiddlewareHandler<GraphEnv> {
    return async (c, next) => {
      const { perResource, writes } = this.settings;
      const id = c.req.param(kind === "chat" ? "chatId" : "channelId")!;
      const buckets: Bucketed[] = [];
      if (kind === "channel" && perResource) buckets.push(["r", id, perResource]);
      if (writes.perConversation) buckets.push(["w", id, writes.perConversation]);
      if (kind === "channel" && writes.perChannelPerDay) buckets.push(["d", id, writes.perChannelPerDay]);
      return this.admit(c, next, kind === "chat" ? "chatWrites" : "channelWrites", buckets);
    };
  }

  private async admit(c: Context<GraphEnv>, next: Next, cls: ThrottleClass, buckets: Bucketed[]) {
    if (!this.settings.enabled) return next();
    const { tenant, appId } = c.get("principal");
    const base = `${tenant.id}|${appId}`;
    let wait = this.take(`${base}|${cls}`, this.settings.limits[cls]);
    for (const [scope, resource, limit] of buckets) if (!wait) wait = this.take(`${base}|${scope}|${resource}`, limit);
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
  }
}

/** An extra bucket: a scope letter, the resource id, its limit. */
type Bucketed = [string, string, Limit];
