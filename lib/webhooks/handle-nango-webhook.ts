import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { integrationId } from "@/lib/nango/client";
import { acceptConnection, assertOwnedBy } from "@/lib/connections/accept-connection";
import { loadNangoAccount } from "@/lib/connections/nango-account";
import { applyRefreshFailure } from "./apply-refresh-failure";
import { record, type WebhookOutcome } from "./record-outcome";
import { anyWebhook, authWebhook, type AuthWebhook } from "./nango-webhook-schema";

export type { WebhookOutcome } from "./record-outcome";

/**
 * Applies one verified Nango webhook. The raw body's hash is the de-duplication key:
 * Nango retries a delivery with the same body, so a retry or a replay changes nothing.
 * Nango's webhooks are unordered (fire-and-forget, retried at 3 s and 6 s) and carry no
 * event time, so none is applied on its word alone: each re-reads the connection from
 * Nango and applies its current state, which is that of the newest event.
 * Throws only when the work could not be done (Nango unreachable): the route answers
 * 5xx and Nango delivers again.
 */
export async function handleNangoWebhook(rawBody: string, payload: unknown): Promise<WebhookOutcome> {
  const envelope = anyWebhook.parse(payload);
  if (envelope.type !== "auth") return "ignored";
  const hook = authWebhook.parse(payload);
  if (hook.providerConfigKey !== integrationId) return "ignored";
  const dedupeKey = createHash("sha256").update(rawBody).digest("hex");
  const event = { dedupeKey, operation: hook.operation, connectionId: hook.connectionId, success: hook.success };

  if (await db.webhookEvent.findUnique({ where: { dedupeKey } })) return "duplicate";
  if (!hook.success) {
    if (hook.operation !== "refresh") return record({ ...event, outcome: "ignored" }, "ignored");
    return applyRefreshFailure(hook, event);
  }
  if (hook.operation !== "creation" && hook.operation !== "override")
    return record({ ...event, outcome: "ignored" }, "ignored");
  return applyConnection(hook, event);
}

async function applyConnection(
  hook: AuthWebhook,
  event: { dedupeKey: string; operation: string; connectionId: string; success: boolean },
) {
  const userId = hook.endUser?.endUserId ?? hook.tags?.end_user_id ?? null;
  const user = userId && isUuid(userId) ? await db.user.findUnique({ where: { id: userId } }) : null;
  if (!user) {
    logger.warn("webhook for an unknown end user", { connectionId: hook.connectionId });
    return record({ ...event, outcome: "unknown_user" }, "unknown_user");
  }
  let account;
  try {
    account = await loadNangoAccount(hook.connectionId);
  } catch (error) {
    if (error instanceof AppError && error.code === "connection_not_found")
      return record({ ...event, outcome: "connection_gone" }, "connection_gone");
    // Nango will not hand out its credentials: the connection's current state is broken.
    if (error instanceof AppError && error.code === "needs_reconnect")
      return applyRefreshFailure(hook, event, { confirmed: true });
    throw error;
  }
  try {
    assertOwnedBy(account, user.id);
  } catch {
    return record({ ...event, outcome: "refused_owner" }, "refused_owner");
  }
  try {
    const result = await acceptConnection({
      user: { id: user.id, email: user.email },
      account,
      source: "webhook",
      webhookEvent: { ...event, outcome: "stored" },
    });
    if (result.duplicate) return "duplicate";
    return result.changed ? "stored" : "unchanged";
  } catch (error) {
    if (error instanceof AppError && error.code === "tenant_not_allowed")
      return record({ ...event, outcome: "refused_tenant" }, "refused_tenant");
    if (error instanceof AppError && error.code === "personal_account")
      return record({ ...event, outcome: "refused_personal" }, "refused_personal");
    // tenant_pending and outages are not claimed: the route answers 5xx and Nango's retry
    // (or the user's connect event) applies it once the tenant is known.
    throw error;
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
