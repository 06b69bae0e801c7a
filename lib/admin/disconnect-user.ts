import "server-only";
import { disconnectUser } from "@/lib/connections/disconnect";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "./request-reprompts";

/** An admin removes a user's connection: Nango first, then the mapping (audited by disconnectUser). */
export async function disconnectUserAsAdmin(actor: Actor, userId: string): Promise<void> {
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!target) throw new AppError("not_found", "That user does not exist.");
  if (!(await disconnectUser(target, actor)))
    throw new AppError("connection_not_found", `${target.email} has no Microsoft Teams connection.`);
}
