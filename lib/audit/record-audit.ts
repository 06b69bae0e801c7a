import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { AuditAction } from "./actions";

export interface AuditEntry {
  action: AuditAction;
  /** Who did it; omitted for the system (webhooks). */
  actor?: { id: string; email: string } | null;
  target?: { id: string; email: string } | null;
  details?: Prisma.InputJsonValue;
}

type Writer = Pick<Prisma.TransactionClient, "auditLog">;

/** Appends an audit entry, inside the caller's transaction when one is given. */
export async function recordAudit(entry: AuditEntry, tx: Writer = db): Promise<void> {
  await tx.auditLog.create({
    data: {
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      targetUserId: entry.target?.id ?? null,
      targetEmail: entry.target?.email ?? null,
      details: entry.details,
    },
  });
}
