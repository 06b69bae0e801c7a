import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { logger } from "@/lib/logger";
import { decodeAdminConsentState } from "./signed-state";
import { recordAdminGrant } from "./tenant-consent";
import { isTenantId } from "./tenant-id";

export type AdminConsentOutcome =
  | { ok: true; tenantId: string; byAdmin: boolean }
  | { ok: false; reason: "invalid_state" | "declined" | "wrong_tenant" | "error"; message: string; byAdmin: boolean };

/**
 * Microsoft's redirect back from the admin-consent endpoint:
 * `admin_consent=True&tenant=<tid>&state=…` or `error=…&error_description=…&state=…`.
 * The state (signed by us) says who asked and for which tenant; a grant is recorded, and
 * audited, only when it verifies and Microsoft names that tenant.
 */
export async function completeAdminConsent(query: URLSearchParams): Promise<AdminConsentOutcome> {
  const state = decodeAdminConsentState(query.get("state"));
  if (!state)
    return {
      ok: false,
      reason: "invalid_state",
      message: "This approval link is invalid or has expired. Start again from the app.",
      byAdmin: false,
    };
  const byAdmin = state.by.admin;
  const actor = { id: state.by.id, email: state.by.email };
  const error = query.get("error");
  if (error) {
    const description = (query.get("error_description") ?? "").slice(0, 300);
    await recordAudit({
      action: "tenant.admin_consent_failed",
      actor,
      details: { tenantId: state.tenant, error, description },
    });
    const declined = error === "access_denied";
    return {
      ok: false,
      reason: declined ? "declined" : "error",
      message: declined
        ? "The organization-wide approval was cancelled."
        : `Microsoft did not grant the approval: ${description || error}`,
      byAdmin,
    };
  }
  const tenantId = query.get("tenant") ?? "";
  if (query.get("admin_consent")?.toLowerCase() !== "true" || !isTenantId(tenantId)) {
    return { ok: false, reason: "error", message: "Microsoft's answer was incomplete. Try again.", byAdmin };
  }
  if (isTenantId(state.tenant) && state.tenant.toLowerCase() !== tenantId.toLowerCase()) {
    logger.warn("admin consent granted for another tenant than asked", { asked: state.tenant, granted: tenantId });
    return {
      ok: false,
      reason: "wrong_tenant",
      message: "The approval was given for another organization than the one asked for.",
      byAdmin,
    };
  }
  await recordAdminGrant(tenantId, byAdmin ? state.by.email : null);
  await recordAudit({ action: "tenant.admin_consent_granted", actor, details: { tenantId, viaSharedLink: !byAdmin } });
  return { ok: true, tenantId: tenantId.toLowerCase(), byAdmin };
}
