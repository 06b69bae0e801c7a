import "server-only";
import { db } from "@/lib/db";
import type { Prisma, UserConsentPolicy } from "@/lib/generated/prisma/client";

export interface TenantConsentView {
  tenantId: string;
  displayName: string | null;
  adminGrantedAt: string | null;
  adminGrantedBy: string | null;
  userConsent: UserConsentPolicy;
  userConsentSource: string | null;
}

export async function getTenantConsent(tenantId: string | null | undefined): Promise<TenantConsentView | null> {
  if (!tenantId) return null;
  const row = await db.tenantConsent.findUnique({ where: { tenantId: tenantId.toLowerCase() } });
  return row ? toView(row) : null;
}

export function toView(row: {
  tenantId: string;
  displayName: string | null;
  adminGrantedAt: Date | null;
  adminGrantedBy: string | null;
  userConsent: UserConsentPolicy;
  userConsentSource: string | null;
}): TenantConsentView {
  return { ...row, adminGrantedAt: row.adminGrantedAt?.toISOString() ?? null };
}

/** An organization admin granted the app tenant-wide (Microsoft's admin-consent redirect said so). */
export async function recordAdminGrant(tenantId: string, grantedBy: string | null): Promise<void> {
  await saveTenant(tenantId, { adminGrantedAt: new Date(), adminGrantedBy: grantedBy });
}

/** The admin says what users of a tenant may consent to (Entra ID > Enterprise apps > Consent and permissions). */
export async function setUserConsentPolicy(tenantId: string, userConsent: UserConsentPolicy): Promise<void> {
  await saveTenant(tenantId, { userConsent, userConsentSource: userConsent === "unknown" ? null : "admin" });
}

/**
 * What a user's connect showed about their tenant; never overrides what an admin set.
 * A completed consent prompt proves users may consent; a consent prompt that could not
 * be completed suggests they may not.
 */
export async function observeUserConsent(tenantId: string, userConsent: "allowed" | "restricted"): Promise<void> {
  const id = tenantId.toLowerCase();
  const current = await db.tenantConsent.findUnique({ where: { tenantId: id } });
  if (current?.userConsentSource === "admin" || current?.userConsent === userConsent) return;
  await saveTenant(id, { userConsent, userConsentSource: "observed" });
}

/** Creates or updates a tenant's row (ids stored lower-cased, as Entra compares them). */
async function saveTenant(tenantId: string, data: Omit<Prisma.TenantConsentCreateInput, "tenantId">): Promise<void> {
  const id = tenantId.toLowerCase();
  await db.tenantConsent.upsert({ where: { tenantId: id }, create: { tenantId: id, ...data }, update: data });
}
