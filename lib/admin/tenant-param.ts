import { AppError } from "@/lib/errors";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `[tenantId]` route segment: a tenant GUID (lower-cased), or null for `organizations` (the admin's own). */
export function tenantParam(value: string): string | null {
  if (value === "organizations") return null;
  if (!GUID.test(value))
    throw new AppError("invalid_input", "A tenant is a GUID (its Microsoft Entra tenant id) or organizations.");
  return value.toLowerCase();
}
