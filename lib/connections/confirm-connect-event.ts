import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { acceptConnection, assertOwnedBy } from "./accept-connection";
import { loadNangoAccount } from "./nango-account";
import { toConnectionView, type ConnectionView } from "./view";

/**
 * The browser says "I just connected connection X". We don't take its word: X is read
 * from Nango and must have been created by a Connect session for this very user.
 */
export async function confirmConnectEvent(user: CurrentUser, connectionId: string): Promise<ConnectionView> {
  const account = await loadNangoAccount(connectionId);
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
