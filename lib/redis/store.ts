import "server-only";
import { Redis } from "ioredis";
import { logger } from "@/lib/logger";

/**
 * How long one Redis command may take before the caller falls back to local state. Not
 * lower: a busy server's own event loop (rendering pages on 2 cores) delays replies by
 * a few hundred ms, and 250 ms made healthy Redis look down several times a minute
 * (measured with `npm run bench -- scale-out`). A stopped Redis fails at once anyway.
 */
const COMMAND_TIMEOUT_MS = 1_000;
/** After a failed or slow command, Redis is left alone this long (no per-request retries). */
const PAUSE_AFTER_FAILURE_MS = 1_000;

export interface SharedStore {
  readonly redis: Redis;
  /** A key under this store's prefix; callers pass ids only (user, tenant, scope). */
  key(...parts: string[]): string;
  /** Connected and not paused after a recent failure. */
  available(): boolean;
  /**
   * Runs `fn` against Redis, or `fallback` when Redis is unavailable or the command
   * fails or times out. The first failure logs one line; so does the recovery.
   */
  run<T>(fn: (redis: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T>;
  /** Called every time Redis becomes reachable again (after an outage, not at start). */
  onRecover(listener: () => void): void;
  /** PING with a short timeout, for /api/health. */
  ping(timeoutMs?: number): Promise<{ ok: boolean; latencyMs: number }>;
  close(): Promise<void>;
}

/**
 * One Redis connection for an app instance. Commands never queue while Redis is away
 * (`enableOfflineQueue: false`): they fail at once and callers use their in-process
 * fallback, while ioredis keeps reconnecting in the background (at most every 2 s).
 */
export function createSharedStore(url: string, { prefix = "tc:", name = "teams-connect" } = {}): SharedStore {
  const redis = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
    enableAutoPipelining: true,
  });
  let connected = false;
  let everReady = false;
  let degraded = false;
  let pausedUntil = 0;
  const recoverListeners: Array<() => void> = [];
  // The first requests of a new process wait this long for the first connection rather
  // than all going uncached.
  let firstReady: Promise<void> | undefined = new Promise<void>((resolve) => redis.once("ready", () => resolve()));

  const goDegraded = (reason: string) => {
    if (degraded) return;
    degraded = true;
    logger.warn(
      "redis unavailable: serving uncached Graph reads with per-instance pacing and rate limits until it returns",
      { reason },
    );
  };
  const recover = () => {
    if (!degraded) return;
    degraded = false;
    logger.info("redis available again: shared cache, pacing and rate limits restored");
    for (const listener of recoverListeners) {
      try {
        listener();
      } catch (error) {
        logger.warn("redis recovery hook failed", { error });
      }
    }
  };

  redis.on("ready", () => {
    connected = true;
    pausedUntil = 0;
    everReady = true;
    recover();
  });
  redis.on("close", () => {
    if (connected) goDegraded("connection closed");
    connected = false;
  });
  redis.on("error", (error: Error) => {
    // ioredis reports every failed reconnect here; one line per outage is enough.
    if (!everReady && !degraded) goDegraded(error.message);
  });

  const available = () => connected && redis.status === "ready" && Date.now() >= pausedUntil;

  return {
    redis,
    key: (...parts) => prefix + parts.join(":"),
    available,
    async run(fn, fallback) {
      if (firstReady && !everReady && !degraded) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          firstReady,
          new Promise((resolve) => (timer = setTimeout(resolve, COMMAND_TIMEOUT_MS))),
        ]).finally(() => clearTimeout(timer));
        firstReady = undefined;
      }
      if (!available()) return fallback();
      try {
        const value = await fn(redis);
        if (degraded) recover();
        return value;
      } catch (error) {
        pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
        goDegraded(error instanceof Error ? error.message : String(error));
        return fallback();
      }
    },
    onRecover: (listener) => void recoverListeners.push(listener),
    async ping(timeoutMs = 500) {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const ok = await Promise.race([
        redis.ping().then(
          (answer) => answer === "PONG",
          () => false,
        ),
        timeout,
      ]).finally(() => clearTimeout(timer));
      if (ok && degraded && connected) recover();
      return { ok: ok && connected, latencyMs: Math.round(performance.now() - started) };
    },
    async close() {
      redis.disconnect(false);
    },
  };
}
