import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { invalidateUserCache } from "@/lib/graph/cache";
import { deleteNangoConnection } from "./accept-connection";
import { findUserConnection } from "@/lib/dal/connections/find-user-connection";

/**
 * Removes a user's connection: first in Nango (so no token survives), then the
 * mapping. If Nango fails nothing changes and the user can retry; if the database
 * fails after Nango succeeded, a retry finds the Nango side already gone and finishes.
 */
export async function disconnectUser(target: { id: string; email: string }, actor: { id: string; email: string }) {
  const row = await findUserConnection(target.id);
  if (!row) return false;
  await deleteNangoConnection(row.nangoConnectionId);
  await db.$transaction(async (tx) => {
    await tx.teamsConnection.deleteMany({ where: { id: row.id } });
    await recordAudit(
      {
        action: "connection.disconnected",
        actor,
        target,
        details: { connectionId: row.nangoConnectionId, byAdmin: actor.id !== target.id },
      },
      tx,
    );
  });
  await invalidateUserCache(target.id);
  return true;
}
