import "server-only";
import { createHash } from "node:crypto";
import { logger } from "@/lib/logger";
import type { SharedStore } from "@/lib/redis/store";
import type { GraphCache } from "./cache";
import { isTransient } from "./cache-policy";
import { graphPolicy } from "./policy";

/** A generation counter outlives any read in flight by far (reads give up after 12 s). */
const GENERATION_TTL_MS = 24 * 60 * 60_000;
/** A user's hash is dropped and restarted rather than growing without bound. */
const MAX_FIELDS_PER_USER = 500;

/**
 * Writes one entry unless the user's cache was invalidated since the read began
 * (generation changed), or, when priming, a fresher entry is already there.
 * KEYS: hash, generation. ARGV: field, "<expiresAt>|<json>", hash TTL (ms),
 * expected generation ("" = any), "1" when priming, now (ms), max fields.
 */
const PUT = `
local gen = redis.call('GET', KEYS[2]) or '0'
if ARGV[4] ~= '' and gen ~= ARGV[4] then return 0 end
if ARGV[5] == '1' then
  local current = redis.call('HGET', KEYS[1], ARGV[1])
  if current then
    local expires = tonumber(string.match(current, '^(%d+)|'))
    if expires and expires > tonumber(ARGV[6]) then return 0 end
  end
end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[7]) then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

interface Entry {
  value: unknown;
  expiresAt: number;
}

type Snapshot = { generation: string; entry?: Entry };

/** An unreadable entry (another version's format) is a miss, not a Redis failure. */
const decode = (raw: string | null | undefined): Entry | undefined => {
  if (!raw) return undefined;
  const bar = raw.indexOf("|");
  try {
    return { expiresAt: Number(raw.slice(0, bar)), value: JSON.parse(raw.slice(bar + 1)) };
  } catch {
    return undefined;
  }
};

/**
 * The cache shared by every instance. Redis holds, per user, one hash of entries
 * (`tc:cache:<userId>`, fields are hashes of the Graph key, so no path or name is in
 * Redis' key space) and a generation counter (`tc:cache-gen:<userId>`). Invalidation
 * bumps the counter and drops the hash; a read that began before it never writes.
 * There is no second layer in process memory: what one instance invalidates, no other
 * can serve. Redis away or slow: reads go to Graph uncached (concurrent identical reads
 * still share one call) and invalidations are replayed when Redis is back.
 */
export function createRedisCache(store: SharedStore): GraphCache {
  const inflight = new Map<string, { generation: string; promise: Promise<unknown> }>();
  const lastGeneration = new Map<string, string>();
  const pending = new Set<string>();
  const hashKey = (userId: string) => store.key("cache", userId);
  const generationKey = (userId: string) => store.key("cache-gen", userId);
  const fieldOf = (key: string) => createHash("sha256").update(key).digest("base64url").slice(0, 24);
  const hashTtl = () => graphPolicy.cacheTtlMs + graphPolicy.staleIfErrorMs;

  const put = (userId: string, field: string, value: unknown, generation: string, priming: boolean) =>
    store.run(
      (redis) =>
        redis.eval(
          PUT,
          2,
          hashKey(userId),
          generationKey(userId),
          field,
          `${Date.now() + graphPolicy.cacheTtlMs}|${JSON.stringify(value)}`,
          String(hashTtl()),
          generation,
          priming ? "1" : "0",
          String(Date.now()),
          String(MAX_FIELDS_PER_USER),
        ),
      () => 0,
    );

  const snapshot = (userId: string, field: string) =>
    store.run<Snapshot | null>(
      async (redis) => {
        const results = await redis.multi().get(generationKey(userId)).hget(hashKey(userId), field).exec();
        if (!results || results.some(([error]) => error))
          throw results?.find(([error]) => error)?.[0] ?? new Error("redis transaction aborted");
        const generation = (results[0]![1] as string | null) ?? "0";
        remember(userId, generation);
        return { generation, entry: decode(results[1]![1] as string | null) };
      },
      () => null,
    );

  const remember = (userId: string, generation: string) => {
    lastGeneration.set(userId, generation);
    if (lastGeneration.size > 10_000) lastGeneration.delete(lastGeneration.keys().next().value!);
  };

  /** One upstream call for concurrent identical reads of this instance. */
  function shared<T>(id: string, generation: string, start: () => Promise<T>): Promise<T> {
    const running = inflight.get(id);
    if (running && running.generation === generation) return running.promise as Promise<T>;
    const promise = start().finally(() => {
      if (inflight.get(id)?.promise === promise) inflight.delete(id);
    });
    inflight.set(id, { generation, promise });
    return promise;
  }

  async function invalidate(userId: string): Promise<boolean> {
    return store.run(
      async (redis) => {
        const results = await redis
          .multi()
          .incr(generationKey(userId))
          .pexpire(generationKey(userId), GENERATION_TTL_MS)
          .del(hashKey(userId))
          .exec();
        if (!results || results.some(([error]) => error)) throw new Error("redis invalidation failed");
        return true;
      },
      () => false,
    );
  }

  store.onRecover(() => {
    const users = [...pending];
    pending.clear();
    for (const userId of users) {
      invalidate(userId).then(
        (done) => void (done || pending.add(userId)),
        () => pending.add(userId),
      );
    }
    if (users.length > 0) logger.info("replayed cache invalidations after a Redis outage", { users: users.length });
  });

  return {
    async cachedRead<T>(userId: string, key: string, load: () => Promise<T>, { refresh = false } = {}): Promise<T> {
      const field = fieldOf(key);
      const id = `${userId}\u0000${field}`;
      const seen = await snapshot(userId, field);
      if (!seen) return shared(id, "uncached", load);
      const { generation, entry } = seen;
      if (entry && !refresh && entry.expiresAt > Date.now()) return entry.value as T;
      return shared(id, generation, async () => {
        try {
          const value = await load();
          await put(userId, field, value, generation, false);
          return value;
        } catch (error) {
          // Graph busy or down: what the user saw a few minutes ago beats an error page.
          if (entry && isTransient(error) && Date.now() - entry.expiresAt < graphPolicy.staleIfErrorMs)
            return entry.value as T;
          throw error;
        }
      });
    },

    primeCache(userId, key, value, { replaceAsOf } = {}) {
      if (replaceAsOf !== undefined) return void put(userId, fieldOf(key), value, replaceAsOf, false);
      // Priming follows a read of the same user on this instance: its generation guards the write.
      void put(userId, fieldOf(key), value, lastGeneration.get(userId) ?? "", true);
    },

    generation(userId) {
      return store.run(
        async (redis) => (await redis.get(generationKey(userId))) ?? "0",
        // Matches no generation: nothing is replaced on the strength of it.
        () => "unavailable",
      );
    },

    async freshKeys(userId, keys) {
      const fields = keys.map(fieldOf);
      const raw = await store.run<Array<string | null> | null>(
        async (redis) => {
          const results = await redis
            .multi()
            .get(generationKey(userId))
            .hmget(hashKey(userId), ...fields)
            .exec();
          if (!results || results.some(([error]) => error)) throw new Error("redis read failed");
          // What this instance primes next is guarded by the generation it saw here.
          remember(userId, (results[0]![1] as string | null) ?? "0");
          return results[1]![1] as Array<string | null>;
        },
        () => null,
      );
      const now = Date.now();
      return new Set(keys.filter((_, i) => (decode(raw?.[i])?.expiresAt ?? 0) > now));
    },

    async forgetCached(userId, keys) {
      const fields = keys.map(fieldOf);
      for (const field of fields) inflight.delete(`${userId}\u0000${field}`);
      lastGeneration.delete(userId);
      const done = await store.run(
        async (redis) => {
          const results = await redis
            .multi()
            .incr(generationKey(userId))
            .pexpire(generationKey(userId), GENERATION_TTL_MS)
            .hdel(hashKey(userId), ...fields)
            .exec();
          if (!results || results.some(([error]) => error)) throw new Error("redis invalidation failed");
          return true;
        },
        () => false,
      );
      // Redis away: the whole user is forgotten when it is back (as for an invalidation).
      if (!done) pending.add(userId);
    },

    async invalidateUserCache(userId) {
      const prefix = `${userId}\u0000`;
      for (const id of [...inflight.keys()]) if (id.startsWith(prefix)) inflight.delete(id);
      lastGeneration.delete(userId);
      if (!(await invalidate(userId))) {
        pending.add(userId);
        if (pending.size > 100_000) pending.clear();
      }
    },
  };
}
