import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { invalidateUserCache } from "@/lib/graph/cache";
import type { Prisma } from "@/lib/generated/prisma/client";
import { claimWebhookEvent } from "./save-mapping";

/** Maps Microsoft's sign-in error codes to the app's codes (and so to a next step). */
export function refreshErrorCode(description: string | undefined): string {
  if (!description) return "refresh_failed";
  if (/AADSTS50173|AADSTS50133|revoked/i.test(description)) return "grant_revoked";
  if (/AADSTS700082|AADSTS700084|expired/i.test(description)) return "refresh_token_expired";
  if (/AADSTS65001|AADSTS90094|consent/i.test(description)) return "consent_required";
  if (/AADSTS70043|AADSTS50076|AADSTS53003/i.test(description)) return "conditional_access";
  return "refresh_failed";
}

/**
 * Nango could not refresh the connection's token: the user must reconnect. Stored with
 * the error so the user and the admins see why. Returns false if no mapping matched.
 */
export async function markNeedsReconnect(
  nangoConnectionId: string,
  error: { type?: string; description?: string } | null | undefined,
  webhookEvent: Prisma.WebhookEventCreateManyInput,
): Promise<"updated" | "duplicate" | "unknown_connection"> {
  return db.$transaction(async (tx) => {
    if (!(await claimWebhookEvent(tx, webhookEvent))) return "duplicate";
    const row = await tx.teamsConnection.findFirst({ where: { nangoConnectionId }, include: { user: true } });
    if (!row) return "unknown_connection";
    const code = refreshErrorCode(error?.description);
    await tx.teamsConnection.update({
      where: { id: row.id },
      data: {
        status: "needs_reconnect",
        lastErrorCode: code,
        lastErrorMessage: (error?.description ?? error?.type ?? "Token refresh failed").slice(0, 500),
        lastErrorAt: new Date(),
      },
    });
    await recordAudit(
      { action: "connection.refresh_failed", target: { id: row.user.id, email: row.user.email }, details: { connectionId: nangoConnectionId, code } },
      tx,
    );
    invalidateUserCache(row.user.id);
    return "updated";
  });
}
