import "server-only";
import type { GraphCache } from "./cache";
import { isTransient } from "./cache-policy";
import { graphPolicy } from "./policy";

interface Entry {
  value: unknown;
  expiresAt: number;
}

export interface CacheState {
  entries: Map<string, Entry>;
  inflight: Map<string, { generation: number; promise: Promise<unknown> }>;
  generations: Map<string, number>;
}

const SEP = "\u0000";

/** The in-process cache (no `REDIS_URL`): an LRU of entries per process. */
export function createLocalCache(
  state: CacheState = ((globalThis as { __graphCache?: CacheState }).__graphCache ??= {
    entries: new Map(),
    inflight: new Map(),
    generations: new Map(),
  }),
): GraphCache {
  const generation = (userId: string) => state.generations.get(userId) ?? 0;
  const store = (id: string, value: unknown) => {
    state.entries.delete(id);
    state.entries.set(id, { value, expiresAt: Date.now() + graphPolicy.cacheTtlMs });
    while (state.entries.size > graphPolicy.cacheMaxEntries) state.entries.delete(state.entries.keys().next().value!);
  };

  return {
    async cachedRead<T>(userId: string, key: string, load: () => Promise<T>, { refresh = false } = {}): Promise<T> {
      const id = userId + SEP + key;
      const hit = state.entries.get(id);
      if (hit && !refresh && hit.expiresAt > Date.now()) {
        state.entries.delete(id);
        state.entries.set(id, hit);
        return hit.value as T;
      }
      const running = state.inflight.get(id);
      const gen = generation(userId);
      if (running && running.generation === gen) return running.promise as Promise<T>;
      const promise = load().then(
        (value) => {
          // An invalidation while loading (reconnect, disconnect) means the value may be stale.
          if (generation(userId) === gen) store(id, value);
          return value;
        },
        (error: unknown) => {
          // Graph busy or down: what the user saw a few minutes ago beats an error page.
          const stale = state.entries.get(id);
          if (
            stale &&
            isTransient(error) &&
            generation(userId) === gen &&
            Date.now() - stale.expiresAt < graphPolicy.staleIfErrorMs
          ) {
            return stale.value as T;
          }
          throw error;
        },
      );
      state.inflight.set(id, { generation: gen, promise });
      try {
        return await promise;
      } finally {
        if (state.inflight.get(id)?.promise === promise) state.inflight.delete(id);
      }
    },

    primeCache(userId, key, value, { replaceAsOf } = {}) {
      const id = userId + SEP + key;
      if (replaceAsOf !== undefined) {
        if (String(generation(userId)) === replaceAsOf) store(id, value);
        return;
      }
      const existing = state.entries.get(id);
      if (existing && existing.expiresAt > Date.now()) return;
      store(id, value);
    },

    async generation(userId) {
      return String(generation(userId));
    },

    async freshKeys(userId, keys) {
      const now = Date.now();
      return new Set(keys.filter((key) => (state.entries.get(userId + SEP + key)?.expiresAt ?? 0) > now));
    },

    async forgetCached(userId, keys) {
      state.generations.set(userId, generation(userId) + 1);
      for (const key of keys) {
        state.entries.delete(userId + SEP + key);
        state.inflight.delete(userId + SEP + key);
      }
    },

    async invalidateUserCache(userId) {
      state.generations.set(userId, generation(userId) + 1);
      const prefix = userId + SEP;
      for (const key of [...state.entries.keys()]) if (key.startsWith(prefix)) state.entries.delete(key);
      for (const key of [...state.inflight.keys()]) if (key.startsWith(prefix)) state.inflight.delete(key);
    },
  };
}
