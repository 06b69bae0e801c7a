/**
 * Structured JSON logs on stdout, one object per line. Values under keys that look
 * like credentials are replaced, and strings shaped like bearer tokens or JWTs are
 * masked, so a careless `logger.info("…", { response })` cannot leak a token.
 */
import { env } from "@/lib/env";
import { currentRequestId } from "@/lib/http/request-context";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

const SECRET_KEY = /(token|secret|password|authorization|cookie|signature|hmac|api[-_]?key)/i;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;
const BEARER = /Bearer\s+[\w.~+/=-]+/gi;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[deep]";
  if (typeof value === "string") return value.replace(JWT, "[jwt]").replace(BEARER, "Bearer [redacted]");
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redact(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? "[redacted]" : redact(item, depth + 1)]),
    );
  }
  return value;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (LEVELS[level] < LEVELS[env.LOG_LEVEL]) return;
  const requestId = currentRequestId();
  const line = {
    level,
    time: new Date().toISOString(),
    msg: message,
    ...(requestId ? { requestId } : {}),
    ...(fields ? (redact(fields) as object) : {}),
  };
  (level === "error" ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
