import "server-only";
import { claimWebhookEvent } from "@/lib/connections/save-mapping";
import { db } from "@/lib/db";

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
  | "refused_personal"
  | "stale_refresh_failure"
  | "marked_needs_reconnect";

export type WebhookEventKey = { dedupeKey: string; operation: string; connectionId: string; success: boolean };

/** Logs a delivery with its outcome; "duplicate" when the same delivery was logged before. */
export async function record(
  event: { dedupeKey: string; operation: string; connectionId: string; success: boolean; outcome: string },
  outcome: WebhookOutcome,
) {
  return (await claimWebhookEvent(db, event)) ? outcome : "duplicate";
}
