import "server-only";
import type { LoggerInstance } from "next-auth";
import { logger } from "@/lib/logger";

/**
 * Codes that mean "a request was refused", not "the server is broken": a session cookie
 * that does not decrypt (forged, tampered, or sealed with an old secret) or a sign-in
 * callback that failed its checks. One warning line each, no stack.
 */
const REFUSALS = new Set([
  "JWT_SESSION_ERROR",
  "CLIENT_FETCH_ERROR",
  "OAUTH_CALLBACK_ERROR",
  "CALLBACK_CREDENTIALS_JWT_ERROR",
]);

function describe(metadata: unknown): { error?: string; message?: string } {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
  const message = (metadata as { message?: unknown } | undefined)?.message;
  return {
    // jose's errors carry their kind in `code` and may leave `name` empty.
    ...(error instanceof Error
      ? { error: `${error.name || (error as { code?: string }).code || "Error"}: ${error.message}` }
      : {}),
    ...(typeof message === "string" ? { message } : {}),
  };
}

/** next-auth's `logger` option: its errors and warnings as one structured line each (lib/logger.ts). */
export const authLogger: Partial<LoggerInstance> = {
  error(code, metadata) {
    if (REFUSALS.has(code)) logger.warn("auth: request refused", { code, ...describe(metadata) });
    else logger.error("auth: error", { code, ...describe(metadata) });
  },
  warn(code) {
    logger.warn("auth: warning", { code });
  },
  debug(code) {
    logger.debug("auth: debug", { code });
  },
};
