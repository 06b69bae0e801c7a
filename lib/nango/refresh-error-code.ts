/**
 * Maps a token-refresh failure text to the app's codes (and so to a next step). Real
 * Nango passes only a generic `refresh_token_external_error` through, so most failures
 * land on `refresh_failed`; the AADSTS codes are matched where a text carries them.
 */
export function refreshErrorCode(description: string | undefined): string {
  if (!description) return "refresh_failed";
  if (/AADSTS50173|AADSTS50133|revoked/i.test(description)) return "grant_revoked";
  if (/AADSTS700082|AADSTS700084|expired/i.test(description)) return "refresh_token_expired";
  if (/AADSTS65001|AADSTS90094|consent/i.test(description)) return "consent_required";
  if (/AADSTS70043|AADSTS50076|AADSTS53003/i.test(description)) return "conditional_access";
  return "refresh_failed";
}
