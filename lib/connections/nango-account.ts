import "server-only";
import { AppError } from "@/lib/errors";
import { integrationId, nango } from "@/lib/nango/client";
import { isUnknownConnection } from "@/lib/nango/errors";

/** What we learn about a Nango connection before mapping it to a user. */
export interface NangoAccount {
  connectionId: string;
  /** The app user id the Connect session was created for (end_user.id, or the tag). */
  endUserId: string | null;
  tenantId: string | null;
  scopes: string[];
  email: string | null;
  name: string | null;
}

interface ConnectionShape {
  end_user?: { id?: string } | null;
  tags?: Record<string, string> | null;
  connection_config?: { tenantId?: string } | null;
  credentials?: { raw?: { scope?: string } };
}

/**
 * Reads a connection from Nango (never trusting the browser's word for it) and the
 * Microsoft account behind it (Graph /me through the proxy). Throws
 * `connection_not_found` when Nango has no such connection.
 */
export async function loadNangoAccount(connectionId: string): Promise<NangoAccount> {
  let connection: ConnectionShape;
  try {
    connection = (await nango.getConnection(integrationId, connectionId)) as unknown as ConnectionShape;
  } catch (error) {
    if (isUnknownConnection(error)) throw new AppError("connection_not_found", "That connection does not exist.");
    throw new AppError("upstream_unavailable", "Nango could not be reached. Try again in a moment.");
  }
  const me = await nango
    .get<{ mail?: string | null; userPrincipalName?: string; displayName?: string }>({
      endpoint: "/v1.0/me",
      connectionId,
      providerConfigKey: integrationId,
      params: { $select: "displayName,mail,userPrincipalName" },
    })
    .then((response) => response.data)
    .catch(() => null); // The account's name is nice to have; the mapping must not depend on it.
  return {
    connectionId,
    endUserId: connection.end_user?.id ?? connection.tags?.end_user_id ?? null,
    tenantId: connection.connection_config?.tenantId ?? null,
    scopes: (connection.credentials?.raw?.scope ?? "").split(/\s+/).filter(Boolean),
    email: me?.mail ?? me?.userPrincipalName ?? null,
    name: me?.displayName ?? null,
  };
}
