import "server-only";
import { db } from "@/lib/db";
import type { TeamsConnection } from "@/lib/generated/prisma/client";
import { requestMemo } from "@/lib/http/request-context";
import { integrationId } from "@/lib/nango/client";

/** The user's mapping row for the Teams integration, or null when not connected. */
export function findUserConnection(userId: string) {
  return db.teamsConnection.findUnique({ where: { userId_integrationId: { userId, integrationId } } });
}

const memoKey = (userId: string) => `teams-connection:${userId}`;

/**
 * The same row, read at most once per request: a page or route makes several Graph
 * reads, and the session check usually read the row already (`rememberUserConnection`).
 */
export function findUserConnectionForRequest(userId: string): Promise<TeamsConnection | null> {
  const memo = requestMemo();
  let row = memo.get(memoKey(userId)) as Promise<TeamsConnection | null> | undefined;
  if (!row) {
    row = findUserConnection(userId);
    memo.set(memoKey(userId), row);
  }
  return row;
}

export function rememberUserConnection(userId: string, row: TeamsConnection | null): void {
  requestMemo().set(memoKey(userId), Promise.resolve(row));
}

/** After this request changed the row: its next read asks the database again. */
export function forgetUserConnection(userId: string): void {
  requestMemo().delete(memoKey(userId));
}
