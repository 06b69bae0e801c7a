import "server-only";
import { db } from "@/lib/db";
import { integrationId } from "@/lib/nango/client";

/** The user's mapping row for the Teams integration, or null when not connected. */
export function findUserConnection(userId: string) {
  return db.teamsConnection.findUnique({ where: { userId_integrationId: { userId, integrationId } } });
}
