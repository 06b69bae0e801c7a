/**
 * A Microsoft Entra tenant id: a GUID, compared without regard to case (Microsoft writes
 * them lower-case, people paste them as they find them). The one pattern for every place
 * that tells a tenant id from a domain name or `organizations`, or rejects a malformed
 * one. Client-safe: the allowed-tenants form checks entries before saving.
 */
export const TENANT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTenantId(value: string | null | undefined): value is string {
  return typeof value === "string" && TENANT_ID_PATTERN.test(value);
}
