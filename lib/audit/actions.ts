/** Every kind of audit entry, so the admin filter and the writers agree on names. */
export const AUDIT_ACTIONS = [
  "connection.created",
  "connection.overridden",
  "connection.refresh_failed",
  "connection.disconnected",
  "connection.refused_tenant",
  "connection.refused_owner",
  "connection.refused_personal",
  "reprompt.requested",
  "reprompt.cancelled",
  "reprompt.completed",
  "settings.allowed_tenants_changed",
  "tenant.admin_consent_granted",
  "tenant.admin_consent_failed",
  "tenant.user_consent_policy_changed",
  "reprompt.blocked",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
