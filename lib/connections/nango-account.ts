import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readAccountIdentity } from "@/lib/graph/account";
import { integrationId, nango } from "@/lib/nango/client";
import { isUnknownConnection, nangoFailure } from "@/lib/nango/errors";
import { withNangoRetry } from "@/lib/nango/rate-limit-retry";
import { normalizeGrantedScopes } from "@/lib/scopes";
import { tenantFromIdToken } from "./id-token-tenant";

/** What we learn about a Nango connection before mapping it to a user. */
export interface NangoAccount {
  connectionId: string;
  /** The app user id the Connect session was created for (end_user.id, or the tag). */
  endUserId: string | null;
  /** Null while unknown: Nango's post-connection hook may not have run yet. */
  tenantId: string | null;
  /** A personal Microsoft account: no organization, so no Teams work data. */
  personal: boolean;
  /** Granted Graph permissions, normalised (short names, no OIDC scopes); null when Nango holds no credentials. */
  scopes: string[] | null;
  email: string | null;
  name: string | null;
  /**
   * Nango recorded a failed token refresh on it (`errors` of type auth, or emptied
   * credentials): its current state is "broken", whatever an older event said.
   */
  authFailed: boolean;
}

interface ConnectionShape {
  end_user?: { id?: string } | null;
  tags?: Record<string, string> | null;
  errors?: Array<{ type?: string }> | null;
  connection_config?: { tenantId?: unknown } | null;
  credentials?: { raw?: { scope?: string; id_token?: string } } | Record<string, never>;
}

/**
 * Reads a connection from Nango (never trusting the browser's word for it) and the
 * Microsoft account behind it (through the one Graph client). The tenant comes from
 * the connection when Nango's hook has written it, else from the token response's id
 * token, else from Graph's `/organization`. Throws `connection_not_found` when Nango
 * has no such connection and `needs_reconnect` when Nango refuses to hand out its
 * credentials because their refresh failed.
 */
export async function loadNangoAccount(connectionId: string): Promise<NangoAccount> {
  let connection: ConnectionShape;
  let refused = false;
  try {
    connection = (await withNangoRetry(() =>
      nango.getConnection(integrationId, connectionId),
    )) as unknown as ConnectionShape;
  } catch (error) {
    if (isUnknownConnection(error)) throw new AppError("connection_not_found", "That connection does not exist.");
    if (!isRefreshRefusal(error))
      throw new AppError("upstream_unavailable", "Nango could not be reached. Try again in a moment.");
    // Nango 0.71 answers `invalid_credentials` with the connection itself in the payload.
    const payload = refusedConnection(error);
    if (!payload)
      throw new AppError("needs_reconnect", "Microsoft stopped accepting this connection. Reconnect to continue.");
    connection = payload;
    refused = true;
  }
  const credentials = connection.credentials as { raw?: { scope?: string; id_token?: string } } | undefined;
  const authFailed =
    refused ||
    (connection.errors ?? []).some((e) => e?.type === "auth") ||
    !credentials ||
    Object.keys(credentials).length === 0;
  const hookTenant =
    typeof connection.connection_config?.tenantId === "string" ? connection.connection_config.tenantId : null;
  const knownTenant = hookTenant ?? tenantFromIdToken(credentials?.raw?.id_token);
  // With broken credentials a Graph read would only fail (and mark the mapping again).
  const identity = authFailed ? null : await readAccountIdentity(connectionId, { tenant: !knownTenant });
  return {
    connectionId,
    endUserId: connection.end_user?.id ?? connection.tags?.end_user_id ?? null,
    tenantId: knownTenant ?? identity?.tenantId ?? null,
    personal: !knownTenant && !!identity?.personal,
    scopes: credentials?.raw ? normalizeGrantedScopes(credentials.raw.scope, env.requiredScopes) : null,
    email: identity?.email ?? null,
    name: identity?.name ?? null,
    authFailed,
  };
}

function refusedConnection(error: unknown): ConnectionShape | null {
  const data = (error as { response?: { data?: { error?: { payload?: { connection?: unknown } } } } }).response?.data;
  const candidate = data?.error?.payload?.connection;
  return candidate && typeof candidate === "object" ? (candidate as ConnectionShape) : null;
}

/** Nango answers a read of a connection whose refresh failed with a 4xx about credentials. */
function isRefreshRefusal(error: unknown): boolean {
  const failure = nangoFailure(error);
  return !!failure && failure.status >= 400 && failure.status < 500 && /refresh|credential/i.test(failure.code ?? "");
}
