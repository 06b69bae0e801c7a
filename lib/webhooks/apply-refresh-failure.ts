import "server-only";
import { loadNangoAccount } from "@/lib/connections/nango-account";
import { claimWebhookEvent } from "@/lib/connections/save-mapping";
import { markNeedsReconnect } from "@/lib/dal/connections/mark-needs-reconnect";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invalidateUserCache } from "@/lib/graph/cache";
import { refreshErrorCode } from "@/lib/nango/refresh-error-code";
import type { AuthWebhook } from "./nango-webhook-schema";
import { record, type WebhookEventKey, type WebhookOutcome } from "./record-outcome";

/**
 * Nango says a token refresh failed. Webhooks arrive in any order, so a retried failure
 * can come after the user has already reconnected: the failure counts only if Nango's
 * connection is still broken now (its `errors` or emptied credentials say so, or Nango
 * refuses to hand out credentials). A stale one is logged and changes nothing.
 */
export async function applyRefreshFailure(
  hook: AuthWebhook,
  event: WebhookEventKey,
  { confirmed = false }: { confirmed?: boolean } = {},
): Promise<WebhookOutcome> {
  if (!confirmed) {
    try {
      const account = await loadNangoAccount(hook.connectionId);
      if (!account.authFailed) return record({ ...event, outcome: "stale_refresh_failure" }, "stale_refresh_failure");
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "connection_not_found")
        return record({ ...event, outcome: "connection_gone" }, "connection_gone");
      if (error.code !== "needs_reconnect") throw error;
    }
  }
  const description = hook.error?.description;
  const result = await db.$transaction(async (tx) => {
    if (!(await claimWebhookEvent(tx, { ...event, outcome: "marked_needs_reconnect" }))) return null;
    return markNeedsReconnect(
      {
        nangoConnectionId: hook.connectionId,
        code: refreshErrorCode(description),
        message: description ?? hook.error?.type ?? "Token refresh failed",
        source: "webhook",
      },
      tx,
    );
  });
  if (!result) return "duplicate";
  if (result.outcome === "updated" && result.userId) await invalidateUserCache(result.userId);
  if (result.outcome === "unknown_connection") return "unknown_connection";
  return result.outcome === "updated" ? "marked_needs_reconnect" : "unchanged";
}
