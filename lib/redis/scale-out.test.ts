/**
 * Scale-out through a real Redis: two "instances" (each its own Redis connection and
 * its own in-process state, built exactly as an app process builds them) share the
 * Graph cache and its invalidation, the tenant pacing and the route rate limits; and a
 * Redis that stops mid-run (a private redis-server this file starts, stops and starts
 * again) only degrades them, with one log line, until it is back.
 *
 * Needs TEST_REDIS_URL (`.ci/run` provides it) and `redis-server` on the PATH; without
 * them the file is skipped on a laptop but fails in CI.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { createGraphCache } from "@/lib/graph/cache";
import { createPacer } from "@/lib/graph/pacing";
import { graphPolicy } from "@/lib/graph/policy";
import { createRateLimits } from "@/lib/http/rate-limit";
import { hasRedisServer, startRedisServer, type RedisServer } from "@/test-support/redis-server";
import { createSharedStore, type SharedStore } from "./store";

const REDIS_URL = process.env.TEST_REDIS_URL;
if (process.env.CI && (!REDIS_URL || !hasRedisServer()))
  throw new Error("CI runs the Redis suite: set TEST_REDIS_URL and install redis-server (.ci/run does both)");

/** The connect-session route's rule (app/api/connect/session/route.ts). */
const CONNECT_SESSION = { capacity: 10, refillPerMinute: 10 };
const stores: SharedStore[] = [];

function instance(url: string, prefix: string) {
  const store = createSharedStore(url, { prefix });
  stores.push(store);
  return { store, cache: createGraphCache(store), pacer: createPacer(store), limits: createRateLimits(store) };
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterAll(async () => {
  for (const store of stores) {
    const keys = await store.redis.keys(store.key("*")).catch(() => []);
    if (keys.length > 0) await store.redis.del(...keys).catch(() => undefined);
    await store.close();
  }
});

describe.skipIf(!REDIS_URL)("two instances on one Redis", () => {
  const prefix = `tc-test-${randomUUID().slice(0, 8)}:`;
  let a: ReturnType<typeof instance>;
  let b: ReturnType<typeof instance>;

  beforeAll(async () => {
    a = instance(REDIS_URL!, prefix);
    b = instance(REDIS_URL!, prefix);
    await until(() => a.store.available() && b.store.available());
  });

  it("share one cache: what A loaded, B serves without calling Graph", async () => {
    const load = vi.fn(async () => ({ chats: ["c1"] }));
    expect(await a.cache.cachedRead("user-1", "conn|/me/chats", load)).toEqual({ chats: ["c1"] });
    expect(await b.cache.cachedRead("user-1", "conn|/me/chats", load)).toEqual({ chats: ["c1"] });
    expect(await b.cache.cachedRead("user-2", "conn|/me/chats", load)).toEqual({ chats: ["c1"] });
    expect(load).toHaveBeenCalledTimes(2); // user-2 is never served user-1's entry
    const keys = await a.store.redis.keys(`${prefix}*`);
    expect(keys.every((key) => /^tc-test-[\w-]+:(cache|cache-gen):user-\d$/.test(key))).toBe(true);
    expect(JSON.stringify(keys)).not.toContain("chats");
  });

  it("a disconnect on A: B serves none of that user's cached data afterwards", async () => {
    let version = 0;
    const load = async () => ({ version: ++version });
    await a.cache.cachedRead("user-3", "conn|/me/joinedTeams", load);
    await b.cache.cachedRead("user-3", "conn|presence", load);
    expect(await b.cache.cachedRead("user-3", "conn|/me/joinedTeams", load)).toEqual({ version: 1 });

    await a.cache.invalidateUserCache("user-3"); // what lib/connections/disconnect.ts calls

    expect(await b.cache.cachedRead("user-3", "conn|/me/joinedTeams", load)).toEqual({ version: 3 });
    expect(await b.cache.cachedRead("user-3", "conn|presence", load)).toEqual({ version: 4 });
  });

  it("a read in flight on B when A invalidates never writes its (stale) answer", async () => {
    let release!: () => void;
    const slow = b.cache.cachedRead(
      "user-4",
      "k",
      () => new Promise<string>((resolve) => (release = () => resolve("before"))),
    );
    await until(() => release !== undefined);
    await a.cache.invalidateUserCache("user-4");
    release();
    expect(await slow).toBe("before"); // the caller that asked before still gets its answer
    expect(await a.cache.cachedRead("user-4", "k", async () => "after")).toBe("after");
    expect(await b.cache.cachedRead("user-4", "k", async () => "never")).toBe("after");
  });

  it("priming on one instance serves the other; a fresher entry is kept", async () => {
    await a.cache.cachedRead("user-5", "conn|/me/joinedTeams", async () => ["team"]);
    a.cache.primeCache("user-5", "conn|team:1", { channels: 3 });
    await until(() => false, 50).catch(() => undefined);
    expect(await b.cache.cachedRead("user-5", "conn|team:1", async () => ({ channels: -1 }))).toEqual({ channels: 3 });
    b.cache.primeCache("user-5", "conn|team:1", { channels: 9 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await a.cache.cachedRead("user-5", "conn|team:1", async () => ({ channels: -1 }))).toEqual({ channels: 3 });
  });

  it("a value read past the cache replaces a fresh entry for both, unless the user's cache changed since", async () => {
    await a.cache.cachedRead("user-12", "conn|presence", async () => "away");
    const asOf = await b.cache.generation("user-12");
    b.cache.primeCache("user-12", "conn|presence", "busy", { replaceAsOf: asOf });
    await expect.poll(() => a.cache.cachedRead("user-12", "conn|presence", async () => "read")).toBe("busy");
    // A forgets the entry while B's read is on its way: B's answer may predate the change.
    const before = await b.cache.generation("user-12");
    await a.cache.forgetCached("user-12", ["conn|presence"]);
    b.cache.primeCache("user-12", "conn|presence", "from before the change", { replaceAsOf: before });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await b.cache.freshKeys("user-12", ["conn|presence"])).toEqual(new Set());
    expect(await a.cache.cachedRead("user-12", "conn|presence", async () => "read again")).toBe("read again");
  });

  it("what A cached, B sees as fresh; an invalidation on A, and expiry, make it not", async () => {
    await a.cache.cachedRead("user-8", "conn|presence", async () => "away");
    expect(await b.cache.freshKeys("user-8", ["conn|presence", "conn|joinedTeams"])).toEqual(
      new Set(["conn|presence"]),
    );
    await a.cache.invalidateUserCache("user-8");
    expect(await b.cache.freshKeys("user-8", ["conn|presence"])).toEqual(new Set());
    const ttl = graphPolicy.cacheTtlMs;
    graphPolicy.cacheTtlMs = 20;
    try {
      await a.cache.cachedRead("user-8", "conn|presence", async () => "busy");
    } finally {
      graphPolicy.cacheTtlMs = ttl;
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await b.cache.freshKeys("user-8", ["conn|presence"])).toEqual(new Set());
  });

  it("stale-if-error: an expired entry answers when Graph throttles, from either instance", async () => {
    const ttl = graphPolicy.cacheTtlMs;
    graphPolicy.cacheTtlMs = 30;
    try {
      await a.cache.cachedRead("user-6", "k", async () => "seen");
      await new Promise((resolve) => setTimeout(resolve, 60));
      const busy = async () => {
        throw new AppError("throttled", "busy", 2);
      };
      expect(await b.cache.cachedRead("user-6", "k", busy)).toBe("seen");
      await expect(b.cache.cachedRead("user-7", "k", busy)).rejects.toMatchObject({ code: "throttled" });
    } finally {
      graphPolicy.cacheTtlMs = ttl;
    }
  });

  it("the 11th Connect session in a minute is refused whichever instance it hits", async () => {
    const user = `user-${randomUUID()}`;
    for (let i = 0; i < 10; i++) await (i % 2 ? a : b).limits.take("connect-session", user, CONNECT_SESSION);
    for (const target of [a, b]) {
      const refused = await target.limits
        .take("connect-session", user, CONNECT_SESSION)
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "rate_limited" });
      expect((refused as AppError).retryAfter).toBeGreaterThan(0);
    }
    await a.limits.take("connect-session", `user-${randomUUID()}`, CONNECT_SESSION); // others are not affected
  });

  it("one tenant budget for both: together they stay at 90% of Graph's limit", async () => {
    // messages: Graph allows 20/s per tenant; we pace at 18/s with a burst of 9 (half a second).
    const tenant = `tenant-${randomUUID()}`;
    const admitted: number[] = [];
    const started = Date.now();
    const deadline = started + 20_000;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a : b).pacer
          .acquireTenantSlot(tenant, "messages", 1, deadline)
          .then(() => admitted.push(Date.now() - started)),
      ),
    );
    const last = Math.max(...admitted);
    // 9 at once, then 51 more at 18/s: ≈ 2.83 s. Two separate pacers would finish in ≈ 1.2 s.
    expect(last).toBeGreaterThan(2_600);
    expect(last).toBeLessThan(4_500);
    for (let t = 0; t + 1000 <= last; t += 100) {
      const inWindow = admitted.filter((ms) => ms >= t && ms < t + 1000).length;
      expect(inWindow, `requests in [${t}, ${t + 1000}) ms`).toBeLessThanOrEqual(9 + 19); // burst + one second of rate
    }
  });

  it("without Redis, the same load through two instances gets twice the budget (the problem)", async () => {
    const [localA, localB] = [createPacer(null), createPacer(null)];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? localA : localB).acquireTenantSlot("tenant-local", "messages", 1, started + 20_000),
      ),
    );
    // Each: 9 at once, then 21 at 18/s ≈ 1.2 s, where one shared budget takes ≈ 2.8 s.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a Retry-After seen by A holds B back too", async () => {
    const tenant = `tenant-${randomUUID()}`;
    a.pacer.blockTenant(tenant, 600);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await b.pacer.acquireTenantSlot(tenant, "teams", 1, Date.now() + 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    await expect(b.pacer.acquireTenantSlot(tenant, "teams", 1, Date.now() + 5_000)).resolves.toBeUndefined();
    a.pacer.blockTenant(tenant, 3_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(b.pacer.acquireTenantSlot(tenant, "teams", 1, Date.now() + 1_000)).rejects.toMatchObject({
      code: "throttled",
    });
  });
});

describe.skipIf(!REDIS_URL || !hasRedisServer())("Redis stopped mid-run", () => {
  let server: RedisServer;
  let app: ReturnType<typeof instance>;
  const lines: string[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
    app = instance(server.url, "tc:");
    await until(() => app.store.available());
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.stop();
  });

  it("serves uncached, paces and limits locally, reports degraded with one log line, and recovers by itself", async () => {
    let calls = 0;
    const load = async () => `v${++calls}`;
    expect(await app.cache.cachedRead("user-1", "k", load)).toBe("v1");
    expect(await app.cache.cachedRead("user-1", "k", load)).toBe("v1");
    expect((await app.store.ping()).ok).toBe(true);

    await server.stop();
    await until(() => !app.store.available());

    // Every answer is a normal one: Graph data (uncached), a pacing slot, a rate limit decision.
    const answers = await Promise.allSettled(
      Array.from({ length: 40 }, async (_, i) => {
        await app.pacer.acquireTenantSlot("tenant-x", "other", 1, Date.now() + 10_000);
        if (i < 12) await app.limits.take("connect-session", "user-9", CONNECT_SESSION);
        return app.cache.cachedRead("user-1", "k", load);
      }),
    );
    const refused = answers.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(refused.map((e: AppError) => e.code)).toEqual(["rate_limited", "rate_limited"]); // still 10 a minute, per instance
    expect(calls).toBeGreaterThan(1); // no stale answers from a cache that might miss invalidations
    await app.cache.invalidateUserCache("user-1"); // queued, replayed on recovery
    expect(await app.store.ping()).toMatchObject({ ok: false });
    expect(lines.filter((line) => line.includes("redis unavailable"))).toHaveLength(1);

    await server.start(); // empty again: nothing was persisted
    await until(() => app.store.available());
    await app.cache.cachedRead("user-1", "k", load);
    const cachedCalls = calls;
    expect(await app.cache.cachedRead("user-1", "k", load)).toBe(`v${cachedCalls}`);
    expect(calls).toBe(cachedCalls); // cached again
    expect((await app.store.ping()).ok).toBe(true);
    expect(lines.filter((line) => line.includes("redis available again"))).toHaveLength(1);
    expect(lines.filter((line) => line.includes("redis unavailable"))).toHaveLength(1);
  });

  it("slow Redis (CLIENT PAUSE): answers within the command timeout, and replays an invalidation made meanwhile", async () => {
    await app.cache.cachedRead("user-2", "k", async () => "old");
    const admin = createSharedStore(server.url, { name: "test-admin" });
    await until(() => admin.available());
    await admin.redis.call("CLIENT", "PAUSE", "2500", "ALL");
    const started = Date.now();
    expect(await app.cache.cachedRead("user-3", "k", async () => "uncached")).toBe("uncached");
    await app.cache.invalidateUserCache("user-2"); // fails (paused): kept for replay
    // One command timeout (1 s), then Redis is left alone: the invalidation falls back at once.
    expect(Date.now() - started).toBeLessThan(1_800);
    await until(() => Date.now() - started > 2_700);
    await until(() => app.store.available());
    await app.store.ping(); // the first answer after the pause marks the recovery
    await until(() => false, 200).catch(() => undefined);
    expect(lines.some((line) => line.includes("replayed cache invalidations"))).toBe(true);
    expect(await app.cache.cachedRead("user-2", "k", async () => "new")).toBe("new");
    await admin.close();
  });
});
