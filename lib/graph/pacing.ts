import "server-only";
import { AppError } from "@/lib/errors";
import { graphPolicy, sleep } from "./policy";
import { GRAPH_TENANT_LIMITS, type ThrottleClass } from "./throttle-class";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

interface TenantState {
  /** One token bucket per Graph throttle class. */
  buckets: Partial<Record<ThrottleClass, Bucket>>;
  /** Nobody in the tenant calls Graph before this time (a 429's Retry-After). */
  blockedUntil: number;
}

const tenants = ((globalThis as { __graphTenants?: Map<string, TenantState> }).__graphTenants ??= new Map());

/** Requests per second we allow ourselves in a class: Graph's limit less some headroom. */
function ratePerSecond(cls: ThrottleClass): number {
  return GRAPH_TENANT_LIMITS[cls] * graphPolicy.tenantHeadroom;
}

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

function throttled(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("throttled", `Microsoft Teams is busy. Try again in ${seconds} seconds.`, seconds);
}

/**
 * Waits for a slot in the tenant's budget before calling Graph. Graph throttles per app
 * per tenant, so 50 users of one tenant share one bucket here, and one 429 pauses the
 * whole tenant until its Retry-After instead of every user retrying on their own.
 * Throws `throttled` when the wait would overrun the caller's deadline.
 */
export async function acquireTenantSlot(tenant: string, cls: ThrottleClass, cost: number, deadline: number): Promise<void> {
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
}

/** Graph said 429 with Retry-After: hold the whole tenant back until then. */
export function blockTenant(tenant: string, ms: number): void {
  const entry = tenantState(tenant);
  entry.blockedUntil = Math.max(entry.blockedUntil, Date.now() + ms);
}

/** For tests: forget every tenant's budget. */
export function resetPacing(): void {
  tenants.clear();
}
