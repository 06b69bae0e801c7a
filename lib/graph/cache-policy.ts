import { isAppError } from "@/lib/errors";

/**
 * Failures after which a stale cached value may answer instead (stale-if-error).
 * `isAppError`, not `instanceof`: the cache and the Graph client can live in chunks with
 * separate copies of lib/errors (seen in the production build: stale-if-error never fired).
 */
export function isTransient(error: unknown): boolean {
  return isAppError(error) && (error.code === "throttled" || error.code === "upstream_unavailable");
}
