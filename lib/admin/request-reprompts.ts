import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { DEFAULT_REASONS, type PromptKind } from "./statuses";

export interface Actor {
  id: string;
  email: string;
}

/** Users per transaction: bounded lock and transaction size for "all matching users". */
const CHUNK = 200;

/**
 * Requires each user to re-approve access (`consent`) or sign in again (`login`) the
 * next time they connect. A user has at most one open request: an open one is closed
 * (cancelledAt) and replaced by the new one, and the audit entry says what it replaced.
 * Unknown user ids are skipped. Returns how many users now have the new request.
 */
export async function requestReprompts(
  actor: Actor,
  userIds: string[],
  prompt: PromptKind,
  reason?: string,
): Promise<number> {
  const text = reason?.trim() || DEFAULT_REASONS[prompt];
  const unique = [...new Set(userIds)];
  let requested = 0;
  for (let i = 0; i < unique.length; i += CHUNK) {
    requested += await requestChunk(actor, unique.slice(i, i + CHUNK), prompt, text);
  }
  return requested;
}

async function requestChunk(actor: Actor, ids: string[], prompt: PromptKind, reason: string): Promise<number> {
  return db.$transaction(
    async (tx) => {
      // Row locks on the users: two admins re-prompting the same user at once cannot
      // both see "no open request" and leave two open.
      const users = await tx.$queryRaw<{ id: string; email: string }[]>`
      SELECT "id", "email" FROM "User" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
      if (users.length === 0) return 0;
      const userIds = users.map((u) => u.id);
      const open = await tx.repromptRequest.findMany({
        where: { userId: { in: userIds }, completedAt: null, cancelledAt: null },
      });
      const now = new Date();
      if (open.length)
        await tx.repromptRequest.updateMany({
          where: { id: { in: open.map((r) => r.id) } },
          data: { cancelledAt: now },
        });
      await tx.repromptRequest.createMany({
        data: userIds.map((userId) => ({ userId, prompt, reason, requestedById: actor.id, createdAt: now })),
      });
      for (const user of users) {
        const replaced = open.find((r) => r.userId === user.id);
        await recordAudit(
          {
            action: "reprompt.requested",
            actor,
            target: user,
            details: {
              prompt,
              reason,
              ...(replaced ? { replaced: { prompt: replaced.prompt, reason: replaced.reason } } : {}),
            },
          },
          tx,
        );
      }
      return users.length;
    },
    { timeout: 60_000 },
  );
}
