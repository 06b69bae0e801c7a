import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type NeedsReconnectSource = "webhook" | "graph";

export interface NeedsReconnectInput {
  /** The Nango connection Microsoft or Nango refused; only a mapping still on it changes. */
  nangoConnectionId: string;
  code: string;
  message: string;
  source: NeedsReconnectSource;
}

/**
 * The one way a connection becomes `needs_reconnect`, whichever signal saw the failure
 * (Nango's refresh-failure webhook, or a Graph/Nango refusal seen through the proxy).
 * Changes only a mapping that is still `connected` on that very Nango connection, and
 * audits exactly that change, so two signals for one failure make one entry. Callers
 * drop the user's cached Graph reads when it returns "updated".
 */
export async function markNeedsReconnect(
  input: NeedsReconnectInput,
  tx: Prisma.TransactionClient | typeof db = db,
): Promise<{ outcome: "updated" | "unchanged" | "unknown_connection"; userId: string | null }> {
  const row = await tx.teamsConnection.findFirst({
    where: { nangoConnectionId: input.nangoConnectionId },
    include: { user: true },
  });
  if (!row) return { outcome: "unknown_connection", userId: null };
  const { count } = await tx.teamsConnection.updateMany({
    where: { id: row.id, nangoConnectionId: input.nangoConnectionId, status: "connected" },
    data: {
      status: "needs_reconnect",
      lastErrorCode: input.code,
      lastErrorMessage: input.message.slice(0, 500),
      lastErrorAt: new Date(),
    },
  });
  if (count === 0) return { outcome: "unchanged", userId: row.userId };
  await recordAudit(
    {
      action: "connection.refresh_failed",
      target: { id: row.user.id, email: row.user.email },
      details: { connectionId: input.nangoConnectionId, code: input.code, source: input.source },
    },
    tx,
  );
  return { outcome: "updated", userId: row.userId };
}
