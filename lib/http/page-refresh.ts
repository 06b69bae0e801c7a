import "server-only";
import { AppError } from "@/lib/errors";
import { rateLimit } from "@/lib/http/rate-limit";

/**
 * A page's "Refresh" (`?refresh=1`) skips the cache, within the same per-user budget
 * as the API's refresh; over budget the page quietly shows cached data instead.
 */
export async function refreshAllowed(userId: string): Promise<boolean> {
  try {
    await rateLimit("graph-refresh", userId, { capacity: 5, refillPerMinute: 6 });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return false;
    throw error;
  }
}
