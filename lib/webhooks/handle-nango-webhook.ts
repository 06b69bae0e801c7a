import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { integrationId } from "@/lib/nango/client";
import { acceptConnection, assertOwnedBy } from "@/lib/connections/accept-connection";
import { markNeedsReconnect } from "@/lib/connections/mark-needs-reconnect";
import { loadNangoAccount } from "@/lib/connections/nango-account";
import { claimWebhookEvent } from "@/lib/connections/save-mapping";
import { anyWebhook, authWebhook, type AuthWebhook } from "./nango-webhook-schema";

export type WebhookOutcome =
  | "stored"
  | "unchanged"
  | "duplicate"
  | "ignored"
  | "unknown_user"
  | "unknown_connection"
  | "connection_gone"
  | "refused_tenant"
  | "refused_owner"
  | "marked_needs_reconnect";

/**
 * Applies one verified Nango webhook. The raw body's hash is the de-duplication key:
 * Nango retries a delivery with the same body, so a retry or a replay changes nothing.
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
    const result = await markNeedsReconnect(hook.connectionId, hook.error, { ...event, outcome: "marked_needs_reconnect" });
    return result === "updated" ? "marked_needs_reconnect" : result;
  }
  if (hook.operation !== "creation" && hook.operation !== "override") return record({ ...event, outcome: "ignored" }, "ignored");
  return applyConnection(hook, event);
}

async function applyConnection(hook: AuthWebhook, event: { dedupeKey: string; operation: string; connectionId: string; success: boolean }) {
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
    if (error instanceof AppError && error.code === "connection_not_found") return record({ ...event, outcome: "connection_gone" }, "connection_gone");
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
    if (error instanceof AppError && error.code === "tenant_not_allowed") return record({ ...event, outcome: "refused_tenant" }, "refused_tenant");
    throw error;
  }
}

async function record(event: { dedupeKey: string; operation: string; connectionId: string; success: boolean; outcome: string }, outcome: WebhookOutcome) {
  return (await claimWebhookEvent(db, event)) ? outcome : "duplicate";
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
