import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const KEY = "allowed_tenants";

/**
 * Microsoft tenant ids whose accounts may connect. The admin setting wins over the
 * ALLOWED_TENANTS default; an empty list allows any tenant.
 */
export async function getAllowedTenants(): Promise<string[]> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  const value = row?.value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return env.ALLOWED_TENANTS;
}

export async function isTenantAllowed(tenantId: string | null): Promise<boolean> {
  const allowed = await getAllowedTenants();
  if (allowed.length === 0) return true;
  return !!tenantId && allowed.map((t) => t.toLowerCase()).includes(tenantId.toLowerCase());
}

export async function setAllowedTenants(tenants: string[], updatedBy: string): Promise<void> {
  await db.setting.upsert({
    where: { key: KEY },
    create: { key: KEY, value: tenants, updatedBy },
    update: { value: tenants, updatedBy },
  });
}
