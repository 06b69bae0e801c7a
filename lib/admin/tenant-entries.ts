/**
 * Parses the allowed-tenants form: tenant ids (GUIDs) or verified domain names
 * (contoso.com), one per line or separated by commas/spaces. Client-safe, so the form
 * can show mistakes before saving; the server parses again.
 */
import { isTenantId } from "@/lib/tenants/tenant-id";

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

export const MAX_TENANT_ENTRIES = 100;

export interface TenantEntries {
  ids: string[];
  domains: string[];
  invalid: string[];
}

export function parseTenantEntries(input: string | string[]): TenantEntries {
  const raw = (Array.isArray(input) ? input : input.split(/[\s,;]+/))
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const result: TenantEntries = { ids: [], domains: [], invalid: [] };
  for (const entry of new Set(raw)) {
    if (isTenantId(entry)) result.ids.push(entry);
    else if (DOMAIN.test(entry)) result.domains.push(entry);
    else result.invalid.push(entry);
  }
  return result;
}
