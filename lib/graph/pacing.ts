import "server-only";
import { sharedStore } from "@/lib/redis/shared-store";
import type { SharedStore } from "@/lib/redis/store";
import { burstOf, createLocalPacer, ratePerSecond, throttled, tokensFor, type TenantState } from "./pacing-local";
import { sleep } from "./policy";
import type { ThrottleClass } from "./throttle-class";

export interface Pacer {
  acquireTenantSlot(tenant: string, cls: ThrottleClass, cost: number, deadline: number): Promise<void>;
  blockTenant(tenant: string, ms: number): void;
  reset(): void;
}

/**
 * A token bucket per tenant and class in Redis, the same arithmetic as the local one
 * (rate = 90% of Graph's limit, burst = half a second of it), on Redis' clock. A caller
 * that must wait reserves its tokens (the bucket goes negative) and sleeps until they
 * are due, so the fleet's waiting callers leave in order, spaced at the tenant's rate,
 * instead of all retrying at once. A tenant blocked by a Retry-After takes nothing.
 * KEYS: bucket, block. ARGV: tokens per ms, burst, need, longest acceptable wait (ms).
 * Returns {0, wait} reserved (go after wait), {1, ms} blocked, {2, wait} refused.
 */
const TAKE = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {1, blocked} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local need = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens < need then wait = math.ceil((need - tokens) / rate) end
if wait > tonumber(ARGV[4]) then return {2, wait} end
redis.call('HSET', KEYS[1], 't', tostring(tokens - need), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return {0, wait}
`;

/**
 * Pacing shared by every instance through Redis: one budget per tenant and class for
 * the whole fleet, and one Retry-After block (`tc:pace-block:<tenant>`) that every
 * instance honours. Redis away or slow: this instance paces on its own (the local
 * pacer, as without Redis) until Redis is back.
 */
export function createRedisPacer(store: SharedStore, local: Pacer = createLocalPacer(new Map())): Pacer {
  const bucketKey = (tenant: string, cls: ThrottleClass) => store.key("pace", tenant, cls);
  const blockKey = (tenant: string) => store.key("pace-block", tenant);
  const take = (tenant: string, cls: ThrottleClass, need: number, maxWait: number) =>
    store.run(
      async (redis) => {
        const rate = ratePerSecond(cls);
        const [kind, ms] = (await redis.eval(
          TAKE,
          2,
          bucketKey(tenant, cls),
          blockKey(tenant),
          String(rate / 1000),
          String(burstOf(cls)),
          String(need),
          String(Math.max(0, maxWait)),
        )) as [number, number];
        return { kind, ms };
      },
      () => null,
    );
  const blockedFor = (tenant: string) =>
    store.run(
      (redis) => redis.pttl(blockKey(tenant)),
      () => 0,
    );

  return {
    async acquireTenantSlot(tenant, cls, cost, deadline) {
      const need = tokensFor(cls, cost);
      for (;;) {
        const now = Date.now();
        const answer = await take(tenant, cls, need, deadline - now);
        if (!answer) return local.acquireTenantSlot(tenant, cls, cost, deadline);
        if (answer.kind === 2) throw throttled(answer.ms);
        if (answer.kind === 1) {
          if (now + answer.ms > deadline) throw throttled(answer.ms);
          await sleep(answer.ms);
          continue;
        }
        if (answer.ms === 0) return;
        await sleep(answer.ms);
        // Reserved and due; a Retry-After that arrived meanwhile still holds us back.
        for (let blocked = await blockedFor(tenant); blocked > 0; blocked = await blockedFor(tenant)) {
          if (Date.now() + blocked > deadline) throw throttled(blocked);
          await sleep(blocked);
        }
        return;
      }
    },

    blockTenant(tenant, ms) {
      local.blockTenant(tenant, ms);
      void store.run(
        (redis) =>
          redis
            .multi()
            .set(blockKey(tenant), "1", "PX", Math.ceil(ms), "NX")
            .pexpire(blockKey(tenant), Math.ceil(ms), "GT")
            .exec(),
        () => null,
      );
    },

    reset() {
      local.reset();
      // One command, so it runs before anything this instance sends afterwards.
      void store.run(
        (redis) =>
          redis.eval(
            "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 0",
            0,
            store.key("pace*"),
          ),
        () => null,
      );
    },
  };
}

/** In process without a store (as before Redis); one budget for the fleet with one. */
export function createPacer(store: SharedStore | null, tenants = new Map<string, TenantState>()): Pacer {
  const local = createLocalPacer(tenants);
  return store ? createRedisPacer(store, local) : local;
}

const holder = globalThis as { __graphPacer?: Pacer };
const pacer = () => (holder.__graphPacer ??= createPacer(sharedStore()));

/**
 * Waits for a slot in the tenant's budget before calling Graph. Graph throttles per app
 * per tenant, so 50 users of one tenant share one bucket here (one for every instance
 * with `REDIS_URL`), and one 429 pauses the whole tenant until its Retry-After instead
 * of every user retrying on their own. Throws `throttled` when the wait would overrun
 * the caller's deadline.
 */
export function acquireTenantSlot(tenant: string, cls: ThrottleClass, cost: number, deadline: number): Promise<void> {
  return pacer().acquireTenantSlot(tenant, cls, cost, deadline);
}

/** Graph said 429 with Retry-After: hold the whole tenant back until then. */
export function blockTenant(tenant: string, ms: number): void {
  pacer().blockTenant(tenant, ms);
}

/** For tests: forget every tenant's budget and block (in Redis too, with one). */
export function resetPacing(): void {
  pacer().reset();
}
