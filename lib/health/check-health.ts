import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sharedStore } from "@/lib/redis/shared-store";

export type Check = { ok: boolean; latencyMs: number };
export type HealthReport = { status: "ok" | "degraded"; checks: { database: Check; nango: Check; redis?: Check } };

const DATABASE_TIMEOUT_MS = 3_000;
const NANGO_TIMEOUT_MS = 2_000;
/** Load balancers poll every few seconds; one Nango probe per instance per window is plenty. */
const NANGO_CACHE_MS = 5_000;
const REDIS_TIMEOUT_MS = 500;

async function timed(probe: (signal: AbortSignal) => Promise<boolean>, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const timeout = new Promise<boolean>((resolve) => signal.addEventListener("abort", () => resolve(false)));
  const ok = await Promise.race([probe(signal).catch(() => false), timeout]);
  return { ok, latencyMs: Math.round(performance.now() - started) };
}

const databaseCheck = () =>
  timed(async () => {
    await db.$queryRaw`SELECT 1`;
    return true;
  }, DATABASE_TIMEOUT_MS);

/** Nango's unauthenticated `/health`: no secret key is sent, any non-5xx answer means reachable. */
const nangoCheck = () =>
  timed(async (signal) => {
    const response = await fetch(new URL("/health", env.NANGO_HOST), { signal, cache: "no-store" });
    await response.body?.cancel();
    return response.status < 500;
  }, NANGO_TIMEOUT_MS);

let cachedNango: { at: number; check: Promise<Check> } | undefined;

/**
 * Database and Nango reachability, and Redis' when `REDIS_URL` is set, with short
 * timeouts. Names no hosts, keys or errors: the endpoint is public. Redis down is
 * `degraded` (the instance still serves, uncached and paced on its own), never 503.
 */
export async function checkHealth(): Promise<HealthReport> {
  if (!cachedNango || Date.now() - cachedNango.at > NANGO_CACHE_MS)
    cachedNango = { at: Date.now(), check: nangoCheck() };
  const store = sharedStore();
  const [database, nango, redis] = await Promise.all([
    databaseCheck(),
    cachedNango.check,
    store?.ping(REDIS_TIMEOUT_MS),
  ]);
  const ok = database.ok && nango.ok && (redis?.ok ?? true);
  return { status: ok ? "ok" : "degraded", checks: { database, nango, ...(redis ? { redis } : {}) } };
}
