import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { acceptConnection, assertOwnedBy, tenantNotAllowed } from "./accept-connection";
import { loadNangoAccount } from "./nango-account";
import { toConnectionView, type ConnectionView } from "./view";

/**
 * The browser says "I just connected connection X". We don't take its word: X is read
 * from Nango and must have been created by a Connect session for this very user.
 */
export async function confirmConnectEvent(user: CurrentUser, connectionId: string): Promise<ConnectionView> {
  const account = await loadNangoAccount(connectionId).catch(async (error: unknown) => {
    // Nango's webhook can arrive first and refuse the tenant (deleting the connection):
    // then tell the user why, not merely that the connection is gone.
    if (
      error instanceof AppError &&
      error.code === "connection_not_found" &&
      (await wasRefusedForTenant(user.id, connectionId))
    ) {
      throw tenantNotAllowed();
    }
    throw error;
  });
  try {
    assertOwnedBy(account, user.id);
  } catch (error) {
    await recordAudit({ action: "connection.refused_owner", actor: user, target: user, details: { connectionId } });
    throw error;
  }
  const { row } = await acceptConnection({ user, account, source: "connect_event" });
  if (!row) throw new AppError("internal_error", "The connection could not be saved.");
  return toConnectionView(row);
}

function wasRefusedForTenant(userId: string, connectionId: string): Promise<boolean> {
  return db.auditLog
    .count({
      where: {
        action: "connection.refused_tenant",
        targetUserId: userId,
        details: { path: ["connectionId"], equals: connectionId },
      },
    })
    .then((count) => count > 0);
}
