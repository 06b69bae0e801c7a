import "server-only";
import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 50;

export const auditFilterSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  email: z.string().trim().min(1).max(320).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  /** null = the system (webhooks). */
  actorEmail: string | null;
  targetEmail: string | null;
  details: unknown;
}

/** `?action=&email=` from a page or route; unknown values mean "no filter". */
export function parseAuditFilter(params: { action?: unknown; email?: unknown }): AuditFilter {
  const action = AUDIT_ACTIONS.find((a) => a === params.action);
  const email = typeof params.email === "string" && params.email.trim() ? params.email.trim().slice(0, 320) : undefined;
  return { action, email };
}

/** Newest first; the email filter matches the actor or the target (part of the address is enough). */
export async function listAuditLog(filter: AuditFilter, page = 1) {
  const where: Prisma.AuditLogWhereInput = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.email
      ? {
          OR: [
            { actorEmail: { contains: filter.email, mode: "insensitive" } },
            { targetEmail: { contains: filter.email, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const total = await db.auditLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const entries = await db.auditLog.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (current - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  const rows: AuditRow[] = entries.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    action: e.action,
    actorEmail: e.actorEmail,
    targetEmail: e.targetEmail,
    details: e.details,
  }));
  return { rows, total, page: current, pageCount, pageSize: AUDIT_PAGE_SIZE };
}
