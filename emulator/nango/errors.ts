/**
 * Nango's error envelope: `{ error: { code, message?, errors? } }`. Codes, statuses and
 * messages mirror the real server (packages/shared/lib/utils/error.ts, 0.71.x) because
 * the app branches on `error.code`.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

export interface HttpValidationError {
  code: string;
  message: string;
  path: string[];
}

/** Same shape as Nango's `zodErrorToHTTP`. */
export function zodIssues(issues: readonly z.core.$ZodIssue[]): HttpValidationError[] {
  return issues.map(({ code, message, path }) => ({ code, message, path: path.map(String) }));
}

export function fail(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  extra: { message?: string; errors?: HttpValidationError[]; payload?: unknown } = {},
) {
  return c.json({ error: { code, ...extra } }, status);
}

/** The messages NangoError attaches to the 401s of the auth middleware. */
export const AUTH_ERRORS = {
  missing_auth_header: "Authentication failed. The request is missing the Authorization header.",
  malformed_auth_header: "Authentication failed. The Authorization header is malformed.",
  unknown_account: "Authentication failed. The provided authorization header does not match any account.",
  invalid_secret_key_format: "Authentication failed. The provided secret key is not a UUID v4.",
  invalid_connect_session_token_format:
    "Authentication failed. The provided connect session token is not following correct format: nango_connect_session_RANDOM)",
  unknown_connect_session_token:
    "Authentication failed. The provided connect session token does not match any account.",
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

export function authFail(c: Context, code: AuthErrorCode) {
  return fail(c, 401, code, { message: AUTH_ERRORS[code] });
}
