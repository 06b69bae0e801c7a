/**
 * Redis (`REDIS_URL`, the store every instance shares): reachable, and a version that
 * has what the app uses (PEXPIRE … GT, Redis 7). Not configured: no check (each
 * instance keeps its cache, pacing and rate limits in process).
 */
import { Redis } from "ioredis";
import { fail, pass, warn, withTimeout, type CheckResult } from "./types";

const TITLE = "Redis reachable";
const TIMEOUT_MS = 3_000;

/** host:port/db, never the password. */
export function describeRedis(url: string): string {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, "") || "0";
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || "6379"}/${db}`;
}

export async function checkRedis(url: string | undefined): Promise<CheckResult[]> {
  if (!url) return [];
  const label = describeRedis(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: TIMEOUT_MS,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined); // reported below
  try {
    await withTimeout(redis.connect(), TIMEOUT_MS, label);
    const info = await withTimeout(redis.info("server"), TIMEOUT_MS, label);
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
    const major = Number(version.split(".")[0]);
    if (!(major >= 7)) {
      return [
        warn(
          TITLE,
          `${label}, Redis ${version}`,
          "use Redis 7 or later (a tenant's Retry-After block uses PEXPIRE … GT)",
        ),
      ];
    }
    return [pass(TITLE, `${label}, Redis ${version}: cache, tenant pacing and rate limits shared by every instance`)];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [
      fail(
        TITLE,
        `${label}: ${message}`,
        "check REDIS_URL (redis://[:password@]host:6379[/db]) and that Redis accepts connections; unset it to keep the state in each process",
      ),
    ];
  } finally {
    redis.disconnect();
  }
}
