import "server-only";
import { sharedStore } from "@/lib/redis/shared-store";
import type { SharedStore } from "@/lib/redis/store";
import { createLocalCache, type CacheState } from "./cache-local";
import { createRedisCache } from "./cache-redis";
import { forgetUserConnection } from "@/lib/dal/connections/find-user-connection";

export interface GraphCache {
  cachedRead<T>(userId: string, key: string, load: () => Promise<T>, options?: { refresh?: boolean }): Promise<T>;
  primeCache(userId: string, key: string, value: unknown, options?: PrimeOptions): void;
  generation(userId: string): Promise<string>;
  invalidateUserCache(userId: string): Promise<void>;
  forgetCached(userId: string, keys: string[]): Promise<void>;
  freshKeys(userId: string, keys: string[]): Promise<Set<string>>;
}

export interface PrimeOptions {
  /**
   * The value was read from Graph past the cache, and `cacheGeneration` gave this before
   * the read began: it replaces a fresh entry, unless the user's cache was invalidated or
   * forgotten since (the value may predate that change, as a refreshed read's may).
   */
  replaceAsOf?: string;
}

/** In process without a store (as before Redis); shared by every instance with one. */
export function createGraphCache(store: SharedStore | null, state?: CacheState): GraphCache {
  return store ? createRedisCache(store) : createLocalCache(state);
}

// On globalThis: route handlers and server components may live in separate module
// graphs, and an invalidation from lib/connections must reach the same cache.
const holder = globalThis as { __graphCacheImpl?: GraphCache };
const cache = () =>
  (holder.__graphCacheImpl ??= createGraphCache(
    sharedStore(),
    (globalThis as { __graphCache?: CacheState }).__graphCache,
  ));

/**
 * A short-lived, per-user cache of Graph reads: in process memory (LRU), or in Redis
 * with `REDIS_URL` (one cache for every instance). Keys always start with the user id,
 * so nothing is ever shared across users. Concurrent reads of the same key share one
 * upstream call. `refresh` skips the cached value. A transient Graph failure answers
 * with the last value for up to `staleIfErrorMs` after it expired.
 */
export function cachedRead<T>(
  userId: string,
  key: string,
  load: () => Promise<T>,
  options: { refresh?: boolean } = {},
): Promise<T> {
  return cache().cachedRead(userId, key, load, options);
}

/**
 * Stores a value that arrived as part of another read (a team's channels in the
 * dashboard's `$batch`, a chat's members in `$expand`), so the page that needs exactly
 * that next is served without another Graph call. A fresher entry is left alone, unless
 * `replaceAsOf` says the value was read past the cache (see `PrimeOptions`).
 */
export function primeCache(userId: string, key: string, value: unknown, options?: PrimeOptions): void {
  cache().primeCache(userId, key, value, options);
}

/** The user's cache as it is now, for `primeCache`'s `replaceAsOf` (Redis away: matches nothing). */
export function cacheGeneration(userId: string): Promise<string> {
  return cache().generation(userId);
}

/**
 * Forget everything cached for a user: call on connect, reconnect and disconnect. With
 * Redis the promise resolves once every instance sees the change (await it before
 * answering); it never rejects (Redis away: retried when it returns).
 */
export function invalidateUserCache(userId: string): Promise<void> {
  // Whatever changed may be the connection row itself: this request reads it again too.
  forgetUserConnection(userId);
  return cache().invalidateUserCache(userId);
}

/**
 * Forget a few of a user's entries (a conversation's newest page after a new message),
 * leaving the rest warm. A read of this user already in flight does not store its
 * (possibly older) answer. With Redis, every instance sees it once the promise resolves.
 */
export function forgetCached(userId: string, keys: string[]): Promise<void> {
  return cache().forgetCached(userId, keys);
}

/**
 * Which of these keys a read would answer from the cache right now (Redis away: none).
 * For a page that would rather ask Graph once for all it lacks than once per read.
 */
export function freshKeys(userId: string, keys: string[]): Promise<Set<string>> {
  return cache().freshKeys(userId, keys);
}
