import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { sharedStore } from "@/lib/redis/shared-store";
import type { SharedStore } from "@/lib/redis/store";

export interface RateLimitRule {
  /** Requests allowed at once (and per window with Redis). */
  capacity: number;
  refillPerMinute: number;
}

export interface RateLimits {
  take(scope: string, key: string, rule: RateLimitRule): Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_BUCKETS = 50_000;

const limited = (retryAfter: number) =>
  new AppError("rate_limited", `Too many requests. Try again in ${retryAfter} s.`, retryAfter);

/**
 * Token buckets in process memory (no `REDIS_URL`). Behind several instances each
 * enforces its own share.
 */
export function createLocalRateLimits(buckets = new Map<string, Bucket>()): RateLimits {
  return {
    async take(scope, key, { capacity, refillPerMinute }) {
      const id = `${scope}:${key}`;
      const now = Date.now();
      const perMs = refillPerMinute / 60_000;
      const bucket = buckets.get(id) ?? { tokens: capacity, updatedAt: now };
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
      bucket.updatedAt = now;
      if (bucket.tokens < 1) throw limited(Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)));
      bucket.tokens -= 1;
      buckets.set(id, bucket);
      if (buckets.size > MAX_BUCKETS) {
        // Forget the oldest buckets (Map keeps insertion order); they were full again anyway.
        for (const old of buckets.keys()) {
          buckets.delete(old);
          if (buckets.size <= MAX_BUCKETS / 2) break;
        }
      }
    },
  };
}

/**
 * One limit for every instance (rate-limiter-flexible on Redis): `capacity` requests per
 * window of `capacity / refillPerMinute` minutes, keys `tc:rl:<scope>:<userId>`. Redis
 * away or slow: rate-limiter-flexible's insurance limiter counts in this process.
 */
export function createRedisRateLimits(store: SharedStore): RateLimits {
  const limiters = new Map<string, { shared: RateLimiterRedis; local: RateLimiterMemory }>();
  const limiterFor = (scope: string, { capacity, refillPerMinute }: RateLimitRule) => {
    const id = `${scope}|${capacity}|${refillPerMinute}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const options = { points: capacity, duration: Math.max(1, Math.round((capacity / refillPerMinute) * 60)) };
      const local = new RateLimiterMemory({ ...options, keyPrefix: `local:${scope}` });
      const shared = new RateLimiterRedis({
        ...options,
        storeClient: store.redis,
        keyPrefix: store.key("rl", scope),
        insuranceLimiter: local,
        rejectIfRedisNotReady: true,
      });
      limiter = { shared, local };
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    async take(scope, key, rule) {
      const { shared, local } = limiterFor(scope, rule);
      try {
        await (store.available() ? shared : local).consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw limited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        throw error;
      }
    },
  };
}

export function createRateLimits(store: SharedStore | null): RateLimits {
  const holder = globalThis as { __rateLimitBuckets?: Map<string, Bucket> };
  return store ? createRedisRateLimits(store) : createLocalRateLimits((holder.__rateLimitBuckets ??= new Map()));
}

// On globalThis: pages and route handlers may load separate copies of this module.
const holder = globalThis as { __rateLimits?: RateLimits };
const limits = () => (holder.__rateLimits ??= createRateLimits(sharedStore()));

/**
 * Per-user rate limit of an expensive action: in process memory, or shared by every
 * instance with `REDIS_URL`. Rejects with `rate_limited` (429 + Retry-After).
 */
export function rateLimit(scope: string, key: string, rule: RateLimitRule): Promise<void> {
  return limits().take(scope, key, rule);
}
