/**
 * Plain-words messages for what can go wrong while connecting, each with the next step.
 * Shared by the Connect button (live errors from the Connect UI) and the connection
 * page (errors stored from webhooks).
 */
export function connectErrorMessage(errorType: string | undefined, detail: string | undefined): string {
  const text = `${errorType ?? ""} ${detail ?? ""}`;
  if (/AADSTS65001|AADSTS90094|admin.?consent|consent_required/i.test(text)) {
    return "Your Microsoft administrator must approve this app before you can connect. Ask them to grant consent, then try again.";
  }
  if (/AADSTS65004|declined|access_denied/i.test(text))
    return "You declined the permissions. Connect again and accept them to continue.";
  if (/AADSTS70043|AADSTS53003|conditional access/i.test(text)) {
    return "Your organization's sign-in policy blocked the connection. Sign in from a compliant device or ask your IT admin.";
  }
  if (/AADSTS50194/i.test(text))
    return "This app is not set up for accounts from your organization. Ask your administrator.";
  if (errorType === "blocked_by_browser")
    return "Your browser blocked the Microsoft sign-in window. Allow pop-ups for this site and try again.";
  if (errorType === "window_closed") {
    return 'The Microsoft sign-in window was closed before it finished. If it said "Need admin approval", your organization lets only an administrator approve this app: ask them, or connect without what needs their approval.';
  }
  return "Microsoft Teams could not be connected. Try again; if it keeps failing, contact your administrator.";
}

/** What a stored connection error code means for the user, and what to do next. */
export function storedErrorMessage(code: string): string {
  switch (code) {
    case "grant_revoked":
      return "Your access was revoked in Microsoft (a password change or an admin action). Reconnect to continue.";
    case "refresh_token_expired":
      return "Your sign-in expired after a long time without use. Reconnect to continue.";
    case "consent_required":
      return "Your Microsoft administrator must approve this app. Ask them to grant consent, then reconnect.";
    case "conditional_access":
      return "Your organization's sign-in policy now blocks this connection. Reconnect from a compliant device.";
    default:
      return "Microsoft stopped accepting this connection. Reconnect to continue.";
  }
}
