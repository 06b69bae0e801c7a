import { missingScopes } from "@/lib/scopes";
import type { ConnectionHealth } from "./statuses";

/**
 * One status per user, the same rule as the SQL filter (user-filter.ts): a broken
 * connection is reported as broken first; "missing scopes" is a working connection
 * whose grant lacks a required scope. `missing` is listed whatever the status.
 */
export function connectionHealth(
  connection: { status: "connected" | "needs_reconnect" | "revoked"; grantedScopes: string[] } | null | undefined,
  required: string[],
): { health: ConnectionHealth; missing: string[] } {
  if (!connection) return { health: "not_connected", missing: [] };
  const missing = missingScopes(required, connection.grantedScopes);
  if (connection.status !== "connected") return { health: connection.status, missing };
  return { health: missing.length ? "missing_scopes" : "connected", missing };
}
