import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { getAllowedTenants, setAllowedTenants } from "@/lib/settings/allowed-tenants";
import type { Actor } from "./request-reprompts";
import { resolveTenantDomain } from "./resolve-tenant-domain";
import { MAX_TENANT_ENTRIES, parseTenantEntries } from "./tenant-entries";

export interface AllowedTenantsUpdate {
  tenants: string[];
  /** Domains the admin typed, with the tenant id each was saved as. */
  resolved: Record<string, string>;
}

/**
 * Saves the allowed tenants (an empty list allows any tenant) and audits the change.
 * Domains are resolved to tenant ids first; nothing is saved if any entry is invalid.
 */
export async function updateAllowedTenants(
  actor: Actor,
  entries: string[],
  resolve = resolveTenantDomain,
): Promise<AllowedTenantsUpdate> {
  const { ids, domains, invalid } = parseTenantEntries(entries);
  if (invalid.length) {
    throw new AppError("invalid_input", `Not a tenant id or domain name: ${invalid.join(", ")}`);
  }
  if (ids.length + domains.length > MAX_TENANT_ENTRIES)
    throw new AppError("invalid_input", `At most ${MAX_TENANT_ENTRIES} tenants.`);
  const resolved: Record<string, string> = {};
  for (const domain of domains) resolved[domain] = await resolve(domain);
  const tenants = [...new Set([...ids, ...Object.values(resolved)])];
  const before = await getAllowedTenants();
  await setAllowedTenants(tenants, actor.email);
  await recordAudit({
    action: "settings.allowed_tenants_changed",
    actor,
    details: { before, after: tenants, ...(domains.length ? { domains: resolved } : {}) },
  });
  return { tenants, resolved };
}
