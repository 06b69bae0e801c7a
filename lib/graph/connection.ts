import "server-only";
import { findUserConnectionForRequest, forgetUserConnection } from "@/lib/dal/connections/find-user-connection";
import { markNeedsReconnect } from "@/lib/dal/connections/mark-needs-reconnect";
import { db } from "@/lib/db";
import { invalidateUserCache } from "./cache";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** Who a Graph call is made for. The Nango connection id always comes from our database. */
export interface GraphConnection {
  /** Null for a connection not mapped to a user yet (read while accepting it). */
  userId: string | null;
  mappingId: string | null;
  nangoConnectionId: string;
  /** Pacing key: the Microsoft tenant (or the user when the tenant is unknown). */
  tenantKey: string;
  accountEmail: string | null;
  /** The joined teams' ids as last read (empty when never read). */
  teamIds: readonly string[];
}

const TOUCH_EVERY_MS = 60_000;
const touched = ((globalThis as { __graphTouched?: Map<string, number> }).__graphTouched ??= new Map());

/**
 * The signed-in user's Teams connection, ready for Graph calls. `connection_not_found`
 * when they never connected, `needs_reconnect` when Microsoft stopped accepting it.
 */
export async function graphConnectionFor(userId: string): Promise<GraphConnection> {
  const row = await findUserConnectionForRequest(userId);
  if (!row || row.status === "revoked")
    throw new AppError("connection_not_found", "Connect Microsoft Teams to see your teams and chats.");
  if (row.status === "needs_reconnect")
    throw new AppError("needs_reconnect", "Microsoft stopped accepting your Teams connection. Reconnect to continue.");
  touchLastUsed(row.id, row.lastUsedAt);
  return {
    userId,
    mappingId: row.id,
    nangoConnectionId: row.nangoConnectionId,
    tenantKey: row.tenantId ?? `user:${userId}`,
    accountEmail: row.accountEmail,
    teamIds: row.teamIds,
  };
}

/** `lastUsedAt`, written at most once a minute per connection and never awaited. */
function touchLastUsed(mappingId: string, lastUsedAt: Date | null): void {
  const now = Date.now();
  const last = Math.max(lastUsedAt?.getTime() ?? 0, touched.get(mappingId) ?? 0);
  if (now - last < TOUCH_EVERY_MS) return;
  touched.set(mappingId, now);
  if (touched.size > 50_000) touched.clear();
  const cutoff = new Date(now - TOUCH_EVERY_MS);
  db.teamsConnection
    .updateMany({
      where: { id: mappingId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
      data: { lastUsedAt: new Date(now) },
    })
    .catch((error: unknown) => logger.warn("lastUsedAt update failed", { error }));
}

/**
 * Graph or Nango refused the connection: the user must reconnect. Recorded (and audited)
 * through the one needs-reconnect path; the user's cached reads are dropped.
 */
export async function markConnectionNeedsReconnect(
  connection: GraphConnection,
  reason: { code: string; message: string },
): Promise<void> {
  // Marked by this call or another: this request's copy of the row is stale either way.
  if (connection.userId) forgetUserConnection(connection.userId);
  try {
    const { outcome, userId } = await markNeedsReconnect({
      nangoConnectionId: connection.nangoConnectionId,
      ...reason,
      source: "graph",
    });
    if (outcome === "updated" && userId) await invalidateUserCache(userId);
  } catch (error) {
    logger.error("could not mark the connection needs_reconnect", { error, mappingId: connection.mappingId });
  }
}
