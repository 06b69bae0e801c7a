/**
 * The browser's one client for the app's own JSON API (`/api/*`). Every route answers
 * failures as `{ "error": { "code", "message", "retryAfter"?, "scopes"? } }` (lib/http/respond.ts);
 * this turns that into one typed `ApiError`, so components never parse errors themselves.
 */
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";

/** A server error code, or what went wrong before the server could answer. */
export type ApiErrorCode = ErrorCode | "network_error" | "unexpected_response";

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    /** Seconds to wait before retrying (throttling, rate limits). */
    readonly retryAfter?: number,
    /** Permissions the user has yet to grant (`write_consent_required`). */
    readonly scopes?: string[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

const NETWORK_ERROR = "The server could not be reached. Check your network and try again.";

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; retryAfter?: unknown; scopes?: unknown };
}

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === "string" && Object.hasOwn(ERROR_STATUS, code);

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/**
 * Sends `body` as JSON (when given) and returns the parsed answer (undefined for an
 * empty one, e.g. 204), or throws an `ApiError`. `headers` adds request headers such as
 * `Idempotency-Key`.
 */
export async function api<T = unknown>(
  path: `/api/${string}`,
  { method = "GET", body, headers }: { method?: Method; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("network_error", NETWORK_ERROR, 0);
  }
  const data: unknown = response.status === 204 ? undefined : await response.json().catch(() => null);
  if (response.ok) return data as T;
  throw apiError(data, response.status, response.headers.get("retry-after"));
}

/** The server's error shape (or anything else a failed request answered) as one `ApiError`. */
function apiError(data: unknown, status: number, retryAfterHeader: string | null): ApiError {
  const error = (data as ErrorBody | null)?.error;
  const retryAfter = typeof error?.retryAfter === "number" ? error.retryAfter : Number(retryAfterHeader) || undefined;
  return new ApiError(
    isErrorCode(error?.code) ? error.code : "unexpected_response",
    typeof error?.message === "string" ? error.message : `Request failed (${status}). Try again.`,
    status,
    retryAfter,
    isStringList(error?.scopes) ? error.scopes : undefined,
  );
}

/**
 * Reads a JSON-lines route (lib/http/json-lines.ts), calling `onLine` for each line as it
 * arrives. Throws an `ApiError` like `api` does: for an error response, for an error line
 * (the server's failure after the stream began; the lines before it were delivered), and
 * for a stream cut off before its end. Resolves when the server ends the stream.
 */
export async function apiLines<T>(
  path: `/api/${string}`,
  onLine: (line: T) => void,
  signal?: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: "application/x-ndjson" }, signal });
  } catch (failure) {
    if (signal?.aborted) throw failure;
    throw new ApiError("network_error", NETWORK_ERROR, 0);
  }
  if (!response.ok || !response.body) {
    const data: unknown = await response.json().catch(() => null);
    throw apiError(data, response.status, response.headers.get("retry-after"));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch (failure) {
      if (signal?.aborted) throw failure;
      throw new ApiError("network_error", NETWORK_ERROR, 0);
    }
    if (chunk.done) break;
    pending += chunk.value;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const text of lines) {
      if (!text) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new ApiError("unexpected_response", "The server sent something unexpected. Try again.", response.status);
      }
      const error = (value as ErrorBody | null)?.error;
      // The response said 200 before this failed: the error's own code gives its status.
      if (error) throw apiError(value, isErrorCode(error.code) ? ERROR_STATUS[error.code] : 500, null);
      onLine(value as T);
    }
  }
  // Every line ends with a newline: anything left is a line the connection cut short.
  if (pending) throw new ApiError("network_error", NETWORK_ERROR, 0);
}

/** What to tell the user about any failure: the server's message plus the next step it implies. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : "Something went wrong. Try again.";
  if (error.code === "needs_reconnect") return `${error.message} Reconnect on the Connections page.`;
  if (error.retryAfter && !/try again in/i.test(error.message))
    return `${error.message} Try again in ${error.retryAfter} seconds.`;
  return error.message;
}
