import "server-only";
import { Redis } from "ioredis";
import { logger } from "@/lib/logger";

/**
 * How long one Redis command may take before the caller uses its local fallback. What
 * counts is Redis' time, not this process': when the event loop was busy (rendering
 * pages on 2 cores) the timer and the reply are both due at once, and timers run first,
 * so the timeout gives a late command its chance before it gives up (see `answered`).
 */
const COMMAND_TIMEOUT_MS = 1_000;
/**
 * ioredis' own timeout, a backstop: it rejects from its timer, before a reply waiting in
 * the socket is read, so it is kept above `COMMAND_TIMEOUT_MS`. Commands that bypass
 * `run` (the rate limiter's) give up after this long on a hung Redis.
 */
const BACKSTOP_TIMEOUT_MS = 2_000;
/** After Redis stopped answering, it is left alone this long (no per-request retries). */
const PAUSE_AFTER_FAILURE_MS = 1_000;

class CommandTimeout extends Error {
  constructor() {
    super("Command timed out");
  }
}

/** Ours, or ioredis' backstop ("Command timed out"). */
const isTimeout = (error: unknown) => error instanceof Error && error.message === "Command timed out";
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A timer this late means the event loop was busy, not Redis. */
const LATE_TIMER_MS = 50;
/** Then Redis gets this much more time with the loop responsive before it is judged slow. */
const GRACE_MS = 100;

/**
 * `promise`, or a CommandTimeout after `ms` of Redis' time. A timer that fires late
 * found the event loop busy: the command may not even have left (ioredis writes on the
 * next tick), or its reply waits unread in the socket; the timeout is re-armed for a
 * short grace instead. On time, one more turn of the loop (setImmediate runs after the
 * I/O phase) lets a reply that is already there settle first.
 */
function answered<T>(promise: Promise<T>, ms: number): Promise<T> {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const tracked = promise.finally(() => {
    settled = true;
    clearTimeout(timer);
  });
  const timeout = new Promise<never>((_, reject) => {
    const arm = (wait: number) => {
      const due = performance.now() + wait;
      timer = setTimeout(() => {
        if (settled) return;
        if (performance.now() - due > LATE_TIMER_MS) return arm(GRACE_MS);
        setImmediate(() => settled || reject(new CommandTimeout()));
      }, wait);
    };
    arm(ms);
  });
  return Promise.race([tracked, timeout]);
}

export interface SharedStore {
  readonly redis: Redis;
  /** A key under this store's prefix; callers pass ids only (user, tenant, scope). */
  key(...parts: string[]): string;
  /** Connected and not paused after a recent failure. */
  available(): boolean;
  /**
   * Runs `fn` against Redis, or `fallback` when Redis is unavailable or the command
   * fails or times out. Only a Redis that is really away (connection lost, a command
   * refused, or nothing answered for a whole timeout) makes the instance degraded: one
   * log line, and Redis left alone for a second. One slow reply while others arrive
   * falls back for that call alone. The recovery logs one line too.
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
    commandTimeout: BACKSTOP_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
    enableAutoPipelining: true,
  });
  let connected = false;
  let everReady = false;
  let degraded = false;
  let pausedUntil = 0;
  /** When Redis last answered a command (any command, on this connection). */
  let lastAnswerAt = 0;
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
      const startedAt = Date.now();
      try {
        const value = await answered(fn(redis), COMMAND_TIMEOUT_MS);
        lastAnswerAt = Date.now();
        if (degraded) recover();
        return value;
      } catch (error) {
        // Slow for this command while others got answers meanwhile (read in the same turn
        // of the event loop): Redis is up. Degrading would split the fleet's shared
        // budget into per-instance ones for a second, so only this call goes local.
        if (isTimeout(error)) await nextTurn();
        if (isTimeout(error) && lastAnswerAt > startedAt) return fallback();
        pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
        goDegraded(error instanceof Error ? error.message : String(error));
        return fallback();
      }
    },
    onRecover: (listener) => void recoverListeners.push(listener),
    async ping(timeoutMs = 500) {
      const started = performance.now();
      const ok = await answered(redis.ping(), timeoutMs).then(
        (answer) => answer === "PONG",
        () => false,
      );
      if (ok) lastAnswerAt = Date.now();
      if (ok && degraded && connected) recover();
      return { ok: ok && connected, latencyMs: Math.round(performance.now() - started) };
    },
    async close() {
      redis.disconnect(false);
    },
  };
}
