/**
 * Retry and pacing settings of the Graph client. One mutable object so tests (and the
 * issue 7 benchmark) can shrink delays; production uses these defaults.
 */
export const graphPolicy = {
  /** Attempts per request (first try included). */
  maxAttempts: 4,
  /** Overall budget of one request, retries and waits included. */
  deadlineMs: 12_000,
  /** One HTTP attempt gives up after this long (a hung upstream). */
  attemptTimeoutMs: 8_000,
  /** Full-jitter exponential back-off without Retry-After: random(0, min(max, base·2^n)). */
  baseDelayMs: 400,
  maxDelayMs: 8_000,
  /** A Retry-After longer than this is not waited for: the caller gets `throttled` at once. */
  maxRetryAfterMs: 5_000,
  /** Per-tenant pacing runs at this share of Graph's published limits (lib/graph/throttle-class.ts). */
  tenantHeadroom: 0.9,
  /**
   * A quiet tenant may spend this many seconds of its paced rate at once. Graph's bucket
   * holds a full second at 100%, so half a second leaves room for the requests an
   * instance paces apart but sends together after its event loop was busy.
   */
  tenantBurstSeconds: 0.5,
  /** Per-user cache of Graph reads. */
  cacheTtlMs: 45_000,
  /** After expiry, a cached read may still answer for this long when Graph throttles or fails. */
  staleIfErrorMs: 10 * 60_000,
  cacheMaxEntries: 2_000,
};

export type GraphPolicy = typeof graphPolicy;

/** Full jitter (AWS architecture blog): spreads retries of many callers evenly. */
export function backoffDelay(attempt: number, policy: GraphPolicy = graphPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
