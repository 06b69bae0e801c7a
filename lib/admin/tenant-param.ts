import { AppError } from "@/lib/errors";
import { isTenantId } from "@/lib/tenants/tenant-id";

/** A `[tenantId]` route segment: a tenant GUID (lower-cased), or null for `organizations` (the admin's own). */
export function tenantParam(value: string): string | null {
  if (value === "organizations") return null;
  if (!isTenantId(value))
    throw new AppError("invalid_input", "A tenant is a GUID (its Microsoft Entra tenant id) or organizations.");
  return value.toLowerCase();
}
