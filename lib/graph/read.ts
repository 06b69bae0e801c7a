import "server-only";
import { cachedRead, forgetCached, freshKeys, primeCache, type PrimeOptions } from "./cache";
import { graphConnectionFor, type GraphConnection } from "./connection";

/** The cache's key for a read: with the connection, so a reconnect never sees the previous one's data. */
const cacheKey = (connection: GraphConnection, key: string) => `${connection.nangoConnectionId}|${key}`;

export interface ReadOptions {
  /** Skip the cache (explicit refresh; rate limit it at the edge). */
  refresh?: boolean;
}

/**
 * A cached Graph read for the signed-in user. The connection is checked on every call
 * (a disconnect or a needs_reconnect shows at once); the cache key includes the Nango
 * connection id, so data of a previous connection is never served after a reconnect.
 */
export async function readGraph<T>(
  userId: string,
  key: string,
  load: (connection: GraphConnection) => Promise<T>,
  options: ReadOptions = {},
): Promise<T> {
  const connection = await graphConnectionFor(userId);
  return cachedRead(userId, cacheKey(connection, key), () => load(connection), {
    refresh: options.refresh,
  });
}

/** Forgets what `readGraph(userId, key)` cached for each key (with this connection). */
export function forgetGraph(userId: string, connection: GraphConnection, keys: string[]): Promise<void> {
  return forgetCached(
    userId,
    keys.map((key) => cacheKey(connection, key)),
  );
}

/** Caches what another read already returned under the key `readGraph(userId, key)` uses. */
export function primeGraph<T>(
  userId: string,
  connection: GraphConnection,
  key: string,
  value: T,
  options?: PrimeOptions,
): void {
  primeCache(userId, cacheKey(connection, key), value, options);
}

/**
 * What `readGraph`/`primeGraph` keep under this key (with this connection) if it is
 * fresh, else null; never reads Graph.
 */
export async function cachedGraph<T>(userId: string, connection: GraphConnection, key: string): Promise<T | null> {
  if (!(await freshGraphKeys(userId, connection, [key])).has(key)) return null;
  // Fresh a moment ago: served from the cache (null if it expired in between).
  return cachedRead<T | null>(userId, cacheKey(connection, key), async () => null);
}

/** Which of these `readGraph` keys (with this connection) are cached and fresh. */
export async function freshGraphKeys(
  userId: string,
  connection: GraphConnection,
  keys: string[],
): Promise<Set<string>> {
  const fresh = await freshKeys(
    userId,
    keys.map((key) => cacheKey(connection, key)),
  );
  return new Set(keys.filter((key) => fresh.has(cacheKey(connection, key))));
}
