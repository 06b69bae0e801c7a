/**
 * Entra ID's error formats: the token endpoint's JSON body, and the redirect back to
 * the client (`error` + `error_description` starting with the AADSTS code). Clients
 * match on the AADSTS number, so the texts follow the real ones.
 */
import { randomUUID } from "node:crypto";

export const AADSTS = {
  50011:
    "The redirect URI '{uri}' specified in the request does not match the redirect URIs configured for the application '{client}'.",
  50020:
    "User account '{user}' from identity provider 'https://sts.windows.net/{tid}/' does not exist in tenant '{tenant}' and cannot access the application '{client}'.",
  50034:
    "The user account {user} does not exist in the directory. To sign into this application, the account must be added to the directory.",
  50058: "A silent sign-in request was sent but no user is signed in.",
  50126: "Error validating credentials due to invalid username or password.",
  50173:
    "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '{issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '{validFrom}'.",
  54005:
    "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  65001:
    "The user or administrator has not consented to use the application with ID '{client}' named '{name}'. Send an interactive authorization request for this user and resource.",
  65004: "User declined to consent to access the app.",
  70000: "The provided value for the 'code' parameter is not valid.",
  70008:
    "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  70011:
    "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. .default scope can't be combined with resource-specific scopes.",
  90014:
    "The required field '{field}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
  90002:
    "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
  90094: "The grant requires admin permission.",
  500112:
    "The reply address '{uri}' does not match the reply address '{expected}' provided when requesting Authorization code.",
  650053:
    "The application '{name}' asked for scope '{scope}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'.",
  700016:
    "Application with identifier '{client}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.",
  700054: "response_type '{type}' is not enabled for the application.",
  700082:
    "The refresh token has expired due to inactivity. The token was issued on {issued} and was inactive for 90.00:00:00.",
  7000215:
    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client}'.",
  7000218: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  9002313: "Invalid request. Request is malformed or invalid.",
  900144: "The request body must contain the following parameter: '{field}'.",
} as const;

export type AadCode = keyof typeof AADSTS;

/** `AADSTS65001: The user or administrator...` with `{placeholders}` filled. */
export function describe(code: AadCode, values: Record<string, string> = {}): string {
  const text = AADSTS[code].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
  return `AADSTS${code}: ${text}`;
}

/** The token endpoint's error body (`error_description` carries trace details like Azure). */
export function tokenErrorBody(error: string, code: AadCode, values: Record<string, string> = {}) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return {
    error,
    error_description: `${describe(code, values)} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [Number(code)],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}

/** The redirect back to the client with an OAuth error (only once the redirect URI is trusted). */
export function errorRedirect(
  redirectUri: string,
  state: string | undefined,
  error: string,
  description: string,
): string {
  const url = new URL(redirectUri);
  url.searchParams.set("error", error);
  url.searchParams.set("error_description", description);
  if (state !== undefined) url.searchParams.set("state", state);
  return url.toString();
}
