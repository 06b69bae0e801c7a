/**
 * Nango's own API rate limit (packages/server/lib/middleware/ratelimit.middleware.ts):
 * 429 `{"error":{"code":"too_many_request","method","path"}}` with `Retry-After`
 * (seconds) and the X-RateLimit-* headers. The real limit depends on the plan, so here it
 * is a switch: `POST /_emulator/nango/rate-limit` makes the next N API requests fail.
 */
import type { MiddlewareHandler } from "hono";

export interface RateLimitState {
  /** Requests still to refuse. */
  remaining: number;
  retryAfterSeconds: number;
  /** Regular expression on the path; default: every API route (not the OAuth popup pages). */
  path: string;
}

export const DEFAULT_RATE_LIMIT_PATH = "^/(proxy|connections?|connect|integrations|providers)(/|$)";

export function freshRateLimit(): RateLimitState {
  return { remaining: 0, retryAfterSeconds: 1, path: DEFAULT_RATE_LIMIT_PATH };
}

export function rateLimitMiddleware(state: RateLimitState): MiddlewareHandler {
  return async (c, next) => {
    if (state.remaining <= 0 || c.req.method === "OPTIONS" || !new RegExp(state.path).test(c.req.path)) return next();
    state.remaining -= 1;
    const limit = 3500;
    c.header("Retry-After", String(state.retryAfterSeconds));
    c.header("X-RateLimit-Limit", String(limit));
    c.header("X-RateLimit-Remaining", "0");
    c.header("X-RateLimit-Reset", String(Math.floor(Date.now() / 1000) + state.retryAfterSeconds));
    return c.json({ error: { code: "too_many_request", method: c.req.method, path: c.req.path } }, 429);
  };
}
