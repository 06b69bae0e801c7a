import "server-only";
import { AppError } from "@/lib/errors";
import { graphPolicy } from "./policy";

interface Entry {
  value: unknown;
  expiresAt: number;
}

interface CacheState {
  entries: Map<string, Entry>;
  inflight: Map<string, { generation: number; promise: Promise<unknown> }>;
  generations: Map<string, number>;
}

// On globalThis: route handlers and server components may live in separate module
// graphs, and an invalidation from lib/connections must reach the same map.
const state: CacheState = ((globalThis as { __graphCache?: CacheState }).__graphCache ??= {
  entries: new Map(),
  inflight: new Map(),
  generations: new Map(),
});

const SEP = "\u0000";
const generation = (userId: string) => state.generations.get(userId) ?? 0;

/**
 * A short-lived, per-user cache of Graph reads (in process memory, LRU). Keys always
 * start with the user id, so nothing is ever shared across users. Concurrent reads of
 * the same key share one upstream call. `refresh` skips the cached value.
 */
export async function cachedRead<T>(userId: string, key: string, load: () => Promise<T>, { refresh = false } = {}): Promise<T> {
  const id = userId + SEP + key;
  const now = Date.now();
  const hit = state.entries.get(id);
  if (hit && !refresh && hit.expiresAt > now) {
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
      if (generation(userId) === gen) {
        state.entries.delete(id);
        state.entries.set(id, { value, expiresAt: Date.now() + graphPolicy.cacheTtlMs });
        while (state.entries.size > graphPolicy.cacheMaxEntries) state.entries.delete(state.entries.keys().next().value!);
      }
      return value;
    },
    (error: unknown) => {
      // Graph busy or down: what the user saw a few minutes ago beats an error page.
      const stale = state.entries.get(id);
      if (stale && isTransient(error) && generation(userId) === gen && Date.now() - stale.expiresAt < graphPolicy.staleIfErrorMs) {
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
}

/**
 * Stores a value that arrived as part of another read (a team's channels in the
 * dashboard's `$batch`, a chat's members in `$expand`), so the page that needs exactly
 * that next is served without another Graph call. A fresher entry is left alone.
 */
export function primeCache(userId: string, key: string, value: unknown): void {
  const id = userId + SEP + key;
  const existing = state.entries.get(id);
  if (existing && existing.expiresAt > Date.now()) return;
  state.entries.set(id, { value, expiresAt: Date.now() + graphPolicy.cacheTtlMs });
  while (state.entries.size > graphPolicy.cacheMaxEntries) state.entries.delete(state.entries.keys().next().value!);
}

/** Forget everything cached for a user: call on connect, reconnect and disconnect. */
export function invalidateUserCache(userId: string): void {
  state.generations.set(userId, generation(userId) + 1);
  const prefix = userId + SEP;
  for (const key of [...state.entries.keys()]) if (key.startsWith(prefix)) state.entries.delete(key);
  for (const key of [...state.inflight.keys()]) if (key.startsWith(prefix)) state.inflight.delete(key);
}

function isTransient(error: unknown): boolean {
  return error instanceof AppError && (error.code === "throttled" || error.code === "upstream_unavailable");
}
