/**
 * The `tid` claim of an OpenID Connect id token, when Microsoft's token response held
 * one. The id token is addressed to the client (unlike the access token, which is
 * opaque to it) and came from Nango over TLS, so reading its claims is what it is for.
 * Personal accounts carry the consumer tenant, which is no organization.
 */
const CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

export function tenantFromIdToken(idToken: string | undefined): string | null {
  const payload = idToken?.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { tid?: unknown };
    return typeof claims.tid === "string" && claims.tid !== CONSUMER_TENANT ? claims.tid : null;
  } catch {
    return null;
  }
}
