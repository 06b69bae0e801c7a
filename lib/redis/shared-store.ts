import "server-only";
import { env } from "@/lib/env";
import { outsideRequest } from "@/lib/http/request-context";
import { createSharedStore, type SharedStore } from "./store";

const holder = globalThis as { __sharedStore?: SharedStore | null };

/**
 * This instance's connection to the shared store, or null without `REDIS_URL` (then the
 * Graph cache, pacing and rate limits stay in process). Connects on first use, never at
 * import, so `next build` opens no connection. On globalThis: pages and route handlers
 * may load separate copies of this module and must share one connection.
 */
export function sharedStore(): SharedStore | null {
  if (holder.__sharedStore !== undefined) return holder.__sharedStore;
  // Its connection (and its error handler) outlive the request that asked first.
  holder.__sharedStore = env.REDIS_URL ? outsideRequest(() => createSharedStore(env.REDIS_URL!)) : null;
  return holder.__sharedStore;
}
