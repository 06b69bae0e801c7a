import "server-only";
import { isAxiosError } from "axios";
import { refreshErrorCode } from "@/lib/nango/refresh-error-code";
import { AppError } from "@/lib/errors";

export type Failure =
  | {
      kind: "retry";
      reason: "throttled" | "server" | "timeout" | "malformed";
      retryAfterMs?: number;
      /** Nango's own API limit, not Graph's: wait, but don't hold the tenant's Graph budget. */
      nangoLimit?: boolean;
    }
  | { kind: "fatal"; error: AppError; reconnect?: { code: string; message: string } };

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: unknown } | string;
  message?: unknown;
}

const CONSENT = /AADSTS65001|AADSTS90094|consent_required/i;

function retryAfterMs(headers: unknown): number | undefined {
  const raw = (headers as Record<string, unknown> | undefined)?.["retry-after"];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== undefined && raw !== null && raw !== "" && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : undefined;
}

function reconnect(code: string, message: string): Failure {
  return {
    kind: "fatal",
    error: new AppError("needs_reconnect", "Microsoft stopped accepting your Teams connection. Reconnect to continue."),
    reconnect: { code, message: message.slice(0, 500) },
  };
}

/**
 * What a failed proxy call means. Nango's own errors (snake_case codes, no Graph
 * `innerError`) are told apart from Graph's relayed ones: a failed token refresh is a
 * Nango 400 "Failed to get connection credentials" and, during its 30 s back-off, a
 * 424 `connection_refresh_backoff`; a Graph 401 means the token itself was refused.
 */
export function classify(error: unknown, timedOut: boolean): Failure {
  if (!isAxiosError(error) || !error.response) {
    return {
      kind: "retry",
      reason: timedOut || (isAxiosError(error) && error.code === "ECONNABORTED") ? "timeout" : "server",
    };
  }
  const { status, headers } = error.response;
  const body = (error.response.data ?? {}) as ErrorBody;
  const inner = typeof body.error === "object" ? body.error : undefined;
  const code = String(inner?.code ?? (typeof body.error === "string" ? body.error : "") ?? "");
  const message = String(inner?.message ?? body.message ?? "");
  const fromNango = !inner?.innerError && /^[a-z_]+$/.test(code);

  if (CONSENT.test(`${code} ${message}`)) {
    return {
      kind: "fatal",
      error: new AppError(
        "consent_required",
        "Your Microsoft administrator must approve this app. Ask them to grant consent, then reconnect.",
      ),
      reconnect: { code: "consent_required", message },
    };
  }
  if (fromNango) {
    // Nango rate-limits its own API (`too_many_request` + Retry-After): retried like Graph's 429.
    if (status === 429)
      return { kind: "retry", reason: "throttled", retryAfterMs: retryAfterMs(headers) ?? 1000, nangoLimit: true };
    if (status === 424 || code === "connection_refresh_backoff" || /credentials|refresh/i.test(message))
      return reconnect(refreshErrorCode(message), message || code);
    if (code === "unknown_connection" || status === 404 || /Failed to get connection/i.test(message))
      return reconnect("connection_missing", message || code);
    if (status >= 500) return { kind: "retry", reason: "server" };
    return {
      kind: "fatal",
      error: new AppError("upstream_unavailable", "Microsoft Teams could not be reached. Try again later."),
    };
  }
  if (status === 429) return { kind: "retry", reason: "throttled", retryAfterMs: retryAfterMs(headers) };
  if (status >= 500) return { kind: "retry", reason: "server", retryAfterMs: retryAfterMs(headers) };
  if (status === 401) return reconnect("token_rejected", message || "Graph refused the access token");
  if (status === 403) {
    if (/scope|permission|insufficient privileges/i.test(message)) {
      return {
        kind: "fatal",
        error: new AppError(
          "forbidden_scope",
          "This connection lacks a permission Microsoft Teams needs. Ask your administrator, then reconnect.",
        ),
      };
    }
    return { kind: "fatal", error: new AppError("forbidden", "You don't have access to this in Microsoft Teams.") };
  }
  if (status === 404)
    return { kind: "fatal", error: new AppError("not_found", "This item no longer exists in Microsoft Teams.") };
  return { kind: "fatal", error: new AppError("bad_request", "Microsoft Teams rejected the request.") };
}
