import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "./request-reprompts";

/**
 * Withdraws the user's open re-prompt request, so the banner disappears and their next
 * Connect session carries no prompt. Returns false when nothing was open (already
 * completed or cancelled): cancelling twice is not an error.
 */
export async function cancelReprompt(actor: Actor, userId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw new AppError("not_found", "That user does not exist.");
    const open = await tx.repromptRequest.findMany({ where: { userId, completedAt: null, cancelledAt: null } });
    if (open.length === 0) return false;
    await tx.repromptRequest.updateMany({
      where: { id: { in: open.map((r) => r.id) } },
      data: { cancelledAt: new Date() },
    });
    for (const request of open) {
      await recordAudit(
        {
          action: "reprompt.cancelled",
          actor,
          target: user,
          details: { prompt: request.prompt, reason: request.reason },
        },
        tx,
      );
    }
    return true;
  });
}
