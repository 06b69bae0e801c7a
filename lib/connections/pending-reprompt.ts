import "server-only";
import { db } from "@/lib/db";

/** The admin's open request that this user re-approves access or signs in again, if any. */
export function findPendingReprompt(userId: string) {
  return db.repromptRequest.findFirst({
    where: { userId, completedAt: null, cancelledAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, prompt: true, reason: true, createdAt: true, blockedAt: true },
  });
}
