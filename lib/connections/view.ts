import "server-only";
import type { TeamsConnection } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { missingScopes, missingWritePermissions } from "@/lib/scopes";

/** What the browser may know about a connection: never tokens or Nango internals. */
export interface ConnectionView {
  status: "connected" | "needs_reconnect" | "revoked";
  connectionId: string;
  accountEmail: string | null;
  accountName: string | null;
  tenantId: string | null;
  grantedScopes: string[];
  /** Read permissions the dashboard needs and the grant lacks. */
  missingScopes: string[];
  /** Write permissions not granted yet: asked for the first time the user writes. */
  missingWriteScopes: string[];
  lastError: { code: string; message: string; at: string } | null;
  connectedAt: string;
  lastUsedAt: string | null;
}

export function toConnectionView(row: TeamsConnection): ConnectionView {
  return {
    status: row.status,
    connectionId: row.nangoConnectionId,
    accountEmail: row.accountEmail,
    accountName: row.accountName,
    tenantId: row.tenantId,
    grantedScopes: row.grantedScopes,
    missingScopes: missingScopes(env.requiredScopes, row.grantedScopes),
    missingWriteScopes: missingWritePermissions(row.grantedScopes),
    lastError:
      row.lastErrorCode && row.lastErrorAt
        ? { code: row.lastErrorCode, message: row.lastErrorMessage ?? "", at: row.lastErrorAt.toISOString() }
        : null,
    connectedAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
