import "server-only";
import { nangoFailure } from "./errors";

/** Nango's own API limit (`ratelimit.middleware.ts`): 429 `too_many_request` + Retry-After. */
export function nangoRetryAfterMs(error: unknown): number | undefined {
  const failure = nangoFailure(error);
  if (!failure || failure.status !== 429) return undefined;
  const seconds = Number(failure.headers["retry-after"]);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

/**
 * Calls the Nango API, waiting out Nango's own 429 the way the Graph client waits out
 * Graph's: after Retry-After, a bounded number of times, never past `maxWaitMs` in all.
 * Only for reads and idempotent calls (session creation, connection reads, deletes).
 */
export async function withNangoRetry<T>(call: () => Promise<T>, { attempts = 3, maxWaitMs = 10_000 } = {}): Promise<T> {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = nangoRetryAfterMs(error);
      if (wait === undefined || attempt >= attempts || waited + wait > maxWaitMs) throw error;
      waited += wait;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
