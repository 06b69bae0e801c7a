import type { TenantConsentView } from "./tenant-consent";

export type ConsentRepromptVerdict =
  { safe: true } | { safe: false; reason: "tenant_restricts_user_consent" | "tenant_wide_grant"; message: string };

/**
 * Whether forcing `prompt=consent` on a user of this tenant can end anywhere but an
 * approval page. It cannot where users may not consent (the admin-consent loop:
 * NangoHQ/nango#1040), and it is pointless where an admin granted the app for the whole
 * organization (the grant, not the user, is what a consent changes there).
 */
export function consentRepromptVerdict(tenant: TenantConsentView | null): ConsentRepromptVerdict {
  if (tenant?.userConsent === "restricted") {
    return {
      safe: false,
      reason: "tenant_restricts_user_consent",
      message:
        "Users of this organization can't consent to apps, so a consent prompt would stop them at Microsoft's \"Need admin approval\" page. Grant access for the whole organization, or require sign-in instead.",
    };
  }
  if (tenant?.adminGrantedAt) {
    return {
      safe: false,
      reason: "tenant_wide_grant",
      message:
        "An administrator granted this app for the whole organization, so a user's consent changes nothing. To re-approve access, grant it for the organization again; to make the user sign in again, require sign-in.",
    };
  }
  return { safe: true };
}
