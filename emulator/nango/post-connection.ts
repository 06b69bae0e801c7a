/**
 * Nango's `microsoftTeamsPostConnection` hook: copy the `tid` claim of the access token
 * into `connection_config.tenantId`, which the app needs for tenant-scoped Graph calls.
 * The token is only decoded, never verified, as in Nango.
 */
import type { ConnectionRecord } from "./state";

export function applyPostConnection(connection: ConnectionRecord): void {
  const payload = connection.credentials.access_token.split(".")[1];
  if (!payload) return;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { tid?: unknown };
    if (typeof claims.tid === "string") connection.connection_config = { ...connection.connection_config, tenantId: claims.tid };
  } catch {
    // Not a JWT: Nango logs and skips the update.
  }
}
