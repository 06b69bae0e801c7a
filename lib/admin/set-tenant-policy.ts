import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UserConsentPolicy } from "@/lib/generated/prisma/client";
import { setUserConsentPolicy } from "@/lib/tenants/tenant-consent";
import type { Actor } from "./request-reprompts";

/** Records the tenant's user-consent setting as the admin reads it in Entra ID, audited. */
export async function setTenantPolicy(actor: Actor, tenantId: string, userConsent: UserConsentPolicy): Promise<void> {
  await setUserConsentPolicy(tenantId, userConsent);
  await recordAudit({ action: "tenant.user_consent_policy_changed", actor, details: { tenantId, userConsent } });
}
