/**
 * What the sign-in page says for each next-auth error code. Password failures share
 * one message on purpose: it must not reveal whether the email exists, the password
 * was wrong or the account is locked.
 */
const MESSAGES: Record<string, string> = {
  CredentialsSignin:
    "We couldn't sign you in with that email and password. Check them and try again; after repeated failures an account is locked and an administrator must unlock it.",
  EmailInUse: "An account with this email already exists. Sign in with your email and password instead.",
  Locked: "This account can't sign in right now. Contact your administrator.",
  MicrosoftProfile: "Microsoft did not return the account details we need. Try again, or sign in with your email.",
  OAuthCallback: "Microsoft sign-in did not complete. Try again.",
  OAuthSignin: "We couldn't start Microsoft sign-in. Try again in a moment.",
  AccessDenied: "Microsoft sign-in was cancelled or refused.",
  SessionRequired: "Sign in to continue.",
};

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}

/** Only same-site paths: an open redirect after sign-in is a phishing tool. */
export function safeCallbackUrl(raw: string | undefined | null): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/dashboard";
  return raw;
}
