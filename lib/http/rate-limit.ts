import "server-only";
import { AppError } from "@/lib/errors";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const buckets = new Map<string, Bucket>();
const MAX_BUCKETS = 50_000;

/**
 * Per-user token bucket, in process memory. Enough to stop one user hammering an
 * expensive endpoint from one instance; behind several instances each enforces its own
 * share (documented in docs/operations.md). Throws `rate_limited` with Retry-After.
 */
export function takeToken(scope: string, key: string, { capacity, refillPerMinute }: { capacity: number; refillPerMinute: number }): void {
  const id = `${scope}:${key}`;
  const now = Date.now();
  const perMs = refillPerMinute / 60_000;
  const bucket = buckets.get(id) ?? { tokens: capacity, updatedAt: now };
  bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) {
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    throw new AppError("rate_limited", `Too many requests. Try again in ${retryAfter} s.`, retryAfter);
  }
  bucket.tokens -= 1;
  buckets.set(id, bucket);
  if (buckets.size > MAX_BUCKETS) {
    // Forget the oldest buckets (Map keeps insertion order); they were full again anyway.
    for (const old of buckets.keys()) {
      buckets.delete(old);
      if (buckets.size <= MAX_BUCKETS / 2) break;
    }
  }
}
