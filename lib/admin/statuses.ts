/**
 * The admin table's status filter values and labels. Client-safe (no server imports):
 * the filter form, the badges and the SQL filter all use this one list.
 */
export const CONNECTION_HEALTH = [
  "connected",
  "missing_scopes",
  "needs_reconnect",
  "revoked",
  "not_connected",
] as const;
export type ConnectionHealth = (typeof CONNECTION_HEALTH)[number];

/** Filter values: a connection health, or "has a pending re-prompt". */
export const USER_FILTERS = [...CONNECTION_HEALTH, "reprompt_pending"] as const;
export type UserStatusFilter = (typeof USER_FILTERS)[number];

export const FILTER_LABELS: Record<UserStatusFilter, string> = {
  connected: "Connected",
  missing_scopes: "Missing scopes",
  needs_reconnect: "Needs reconnect",
  revoked: "Revoked",
  not_connected: "Not connected",
  reprompt_pending: "Re-prompt pending",
};

export type PromptKind = "consent" | "login";

/** Shown to the user in the banner when the admin leaves the reason empty. */
export const DEFAULT_REASONS: Record<PromptKind, string> = {
  consent: "This app needs you to review and approve its Microsoft Teams permissions again.",
  login: "Please sign in to Microsoft again to confirm the account this app uses.",
};

export const PROMPT_LABELS: Record<PromptKind, string> = { consent: "Consent", login: "Sign-in" };
