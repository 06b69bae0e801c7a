import "server-only";
import { AppError } from "@/lib/errors";
import type { Pacer } from "./pacing";
import { graphPolicy, sleep } from "./policy";
import { GRAPH_TENANT_LIMITS, type ThrottleClass } from "./throttle-class";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface TenantState {
  /** One token bucket per Graph throttle class. */
  buckets: Partial<Record<ThrottleClass, Bucket>>;
  /** Nobody in the tenant calls Graph before this time (a 429's Retry-After). */
  blockedUntil: number;
}

/** Requests per second we allow ourselves in a class: Graph's limit less some headroom. */
export function ratePerSecond(cls: ThrottleClass): number {
  return GRAPH_TENANT_LIMITS[cls] * graphPolicy.tenantHeadroom;
}

export function throttled(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("throttled", `Microsoft Teams is busy. Try again in ${seconds} seconds.`, seconds);
}

/** Pacing in process memory: without `REDIS_URL`, and while Redis is away. */
export function createLocalPacer(tenants: Map<string, TenantState>): Pacer {
  function tenantState(tenant: string): TenantState {
    let entry = tenants.get(tenant);
    if (!entry) {
      entry = { buckets: {}, blockedUntil: 0 };
      tenants.set(tenant, entry);
      if (tenants.size > 10_000) tenants.delete(tenants.keys().next().value!);
    }
    return entry;
  }

  /** The class's bucket, refilled to now; a second's worth of requests is the burst. */
  function bucket(entry: TenantState, cls: ThrottleClass, now: number): Bucket {
    const burst = ratePerSecond(cls);
    const current = (entry.buckets[cls] ??= { tokens: burst, updatedAt: now });
    current.tokens = Math.min(burst, current.tokens + ((now - current.updatedAt) * burst) / 1000);
    current.updatedAt = now;
    return current;
  }

  return {
    async acquireTenantSlot(tenant, cls, cost, deadline) {
      const perMs = ratePerSecond(cls) / 1000;
      for (;;) {
        const now = Date.now();
        const entry = tenantState(tenant);
        const slot = bucket(entry, cls, now);
        const need = Math.min(cost, ratePerSecond(cls));
        let wait = Math.max(0, entry.blockedUntil - now);
        if (wait === 0 && slot.tokens >= need) {
          slot.tokens -= need;
          return;
        }
        if (wait === 0) wait = Math.ceil((need - slot.tokens) / perMs);
        if (now + wait > deadline) throw throttled(Math.max(wait, entry.blockedUntil - now));
        await sleep(wait);
      }
    },

    blockTenant(tenant, ms) {
      const entry = tenantState(tenant);
      entry.blockedUntil = Math.max(entry.blockedUntil, Date.now() + ms);
    },

    reset() {
      tenants.clear();
    },
  };
}
