import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

/**
 * The user's Connect UI closed without a connection. If that session forced consent for
 * an admin's request, the user could not complete it (in a strict tenant Microsoft's
 * "Need admin approval" page only lets them close the window): the request is marked
 * blocked, so their next session no longer forces consent and they can connect again.
 * The admin console shows it as blocked, with the organization-wide grant as the fix.
 */
export async function reportConnectFailure(user: CurrentUser, reason: string): Promise<{ blocked: boolean }> {
  const pending = await db.repromptRequest.findFirst({
    where: {
      userId: user.id,
      prompt: "consent",
      promptedAt: { not: null },
      completedAt: null,
      cancelledAt: null,
      blockedAt: null,
    },
    orderBy: { createdAt: "desc" },
  });
  if (!pending) return { blocked: false };
  const { count } = await db.repromptRequest.updateMany({
    where: { id: pending.id, blockedAt: null },
    data: { blockedAt: new Date() },
  });
  if (count === 1)
    await recordAudit({ action: "reprompt.blocked", target: user, details: { prompt: pending.prompt, reason } });
  return { blocked: count === 1 };
}
