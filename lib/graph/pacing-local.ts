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

/** Tokens a quiet tenant may spend at once (`graphPolicy.tenantBurstSeconds` of the rate). */
export function burstOf(cls: ThrottleClass): number {
  return ratePerSecond(cls) * graphPolicy.tenantBurstSeconds;
}

/** What one call takes from the bucket: a `$batch` one per item, at most a second's worth. */
export function tokensFor(cls: ThrottleClass, cost: number): number {
  return Math.min(cost, ratePerSecond(cls));
}

export function throttled(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("throttled", `Microsoft Teams is busy. Try again in ${seconds} seconds.`, seconds);
}

/**
 * Pacing in process memory: without `REDIS_URL`, and while Redis is away. The same
 * arithmetic as the Redis pacer (pacing.ts): a caller that must wait reserves its tokens
 * (the bucket goes negative) and sleeps until they are due, so waiting callers leave in
 * order, spaced at the tenant's rate, instead of all waking at once and racing.
 */
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

  /** The class's bucket, refilled to now (up to the burst). */
  function bucket(entry: TenantState, cls: ThrottleClass, now: number): Bucket {
    const burst = burstOf(cls);
    const current = (entry.buckets[cls] ??= { tokens: burst, updatedAt: now });
    current.tokens = Math.min(burst, current.tokens + ((now - current.updatedAt) * ratePerSecond(cls)) / 1000);
    current.updatedAt = now;
    return current;
  }

  /** Waits out the tenant's Retry-After block, if any (throws when it outlasts the deadline). */
  async function unblocked(entry: TenantState, deadline: number): Promise<void> {
    for (let blocked = entry.blockedUntil - Date.now(); blocked > 0; blocked = entry.blockedUntil - Date.now()) {
      if (Date.now() + blocked > deadline) throw throttled(blocked);
      await sleep(blocked);
    }
  }

  return {
    async acquireTenantSlot(tenant, cls, cost, deadline) {
      const entry = tenantState(tenant);
      await unblocked(entry, deadline);
      const now = Date.now();
      const slot = bucket(entry, cls, now);
      const need = tokensFor(cls, cost);
      const wait = slot.tokens >= need ? 0 : Math.ceil(((need - slot.tokens) * 1000) / ratePerSecond(cls));
      if (now + wait > deadline) throw throttled(wait);
      slot.tokens -= need;
      if (wait === 0) return;
      await sleep(wait);
      // Reserved and due; a Retry-After that arrived meanwhile still holds us back.
      await unblocked(entry, deadline);
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
