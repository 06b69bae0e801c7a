import "server-only";
import { AppError } from "@/lib/errors";
import { graphPolicy, sleep } from "./policy";

interface TenantState {
  tokens: number;
  updatedAt: number;
  /** Nobody in the tenant calls Graph before this time (a 429's Retry-After). */
  blockedUntil: number;
}

const tenants = ((globalThis as { __graphTenants?: Map<string, TenantState> }).__graphTenants ??= new Map());

function state(tenant: string, now: number): TenantState {
  let entry = tenants.get(tenant);
  if (!entry) {
    entry = { tokens: graphPolicy.tenantBurst, updatedAt: now, blockedUntil: 0 };
    tenants.set(tenant, entry);
    if (tenants.size > 10_000) tenants.delete(tenants.keys().next().value!);
  }
  const perMs = graphPolicy.tenantRatePerSecond / 1000;
  entry.tokens = Math.min(graphPolicy.tenantBurst, entry.tokens + (now - entry.updatedAt) * perMs);
  entry.updatedAt = now;
  return entry;
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
export async function acquireTenantSlot(tenant: string, cost: number, deadline: number): Promise<void> {
  const perMs = graphPolicy.tenantRatePerSecond / 1000;
  for (;;) {
    const now = Date.now();
    const entry = state(tenant, now);
    const need = Math.min(cost, graphPolicy.tenantBurst);
    let wait = Math.max(0, entry.blockedUntil - now);
    if (wait === 0 && entry.tokens >= need) {
      entry.tokens -= need;
      return;
    }
    if (wait === 0) wait = Math.ceil((need - entry.tokens) / perMs);
    if (now + wait > deadline) throw throttled(Math.max(wait, entry.blockedUntil - now));
    await sleep(wait);
  }
}

/** Graph said 429 with Retry-After: hold the whole tenant back until then. */
export function blockTenant(tenant: string, ms: number): void {
  const entry = state(tenant, Date.now());
  entry.blockedUntil = Math.max(entry.blockedUntil, Date.now() + ms);
}

/** For tests: forget every tenant's budget. */
export function resetPacing(): void {
  tenants.clear();
}
