/**
 * The app's typed errors. Every failure a caller can see has a snake_case code, a
 * message a person can act on and one HTTP status, mapped here and nowhere else.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_input: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  cross_site_request: 403,
  not_found: 404,
  connection_not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  // Upstream (Nango / Microsoft Graph) conditions, reported as actionable states.
  consent_required: 409,
  needs_reconnect: 409,
  forbidden_scope: 403,
  tenant_not_allowed: 403,
  personal_account: 403,
  /** The connection's tenant is not known yet (Nango's hook is still running): retry shortly. */
  tenant_pending: 503,
  /** A write needs a permission the user has not granted yet: ask for it (incremental consent). */
  write_consent_required: 403,
  content_too_long: 400,
  /** The Idempotency-Key was used before for another request. */
  idempotency_conflict: 409,
  /** Microsoft did not confirm a write in time: it may have been posted. Never retried blindly. */
  send_unconfirmed: 502,
  throttled: 429,
  upstream_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds the caller should wait before retrying (throttling, rate limits). */
    readonly retryAfter?: number,
    /** Extra fields of the error body a client acts on (e.g. the scopes to ask for). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.retryAfter ? { retryAfter: this.retryAfter } : {}),
        ...this.details,
      },
    };
  }
}

/**
 * True for an AppError from any copy of this module: the bundler can give two server
 * chunks their own copy of lib/errors, and `instanceof` fails across copies.
 */
export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === "AppError" && typeof (error as { code?: unknown }).code === "string";
}
