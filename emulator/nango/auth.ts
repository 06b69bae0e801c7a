/**
 * Nango's three auth middlewares as the public API uses them. The checks run in the
 * real server's order so each bad credential gets the same 401 code:
 * header missing → `missing_auth_header`; nothing after "Bearer " → `malformed_auth_header`;
 * then key format, then lookup.
 */
import type { Context, MiddlewareHandler } from "hono";
import { authFail } from "./errors";
import type { NangoEnv } from "./env";
import { findSession, type NangoSection } from "./state";

const UUID_V4 = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/i;
export const SESSION_TOKEN_PREFIX = "nango_connect_session_";
const SESSION_TOKEN = /^nango_connect_session_[a-f0-9]{64}$/;

type Mode = "secretKey" | "connectSession" | "either";

/** Mirrors `authorizationHeader.split('Bearer ').pop()`: the whole header when there is no "Bearer ". */
function bearer(c: Context): { missing: true } | { missing: false; token: string } {
  const header = c.req.header("authorization");
  if (!header) return { missing: true };
  return { missing: false, token: header.split("Bearer ").pop() ?? "" };
}

export function requireAuth(mode: Mode, secretKey: string, section: NangoSection): MiddlewareHandler<NangoEnv> {
  return async (c, next) => {
    const auth = bearer(c);
    if (auth.missing) return authFail(c, "missing_auth_header");
    const token = auth.token;
    if (!token) return authFail(c, "malformed_auth_header");

    const trySession = mode === "connectSession" || (mode === "either" && token.startsWith(SESSION_TOKEN_PREFIX));
    if (trySession) {
      if (!SESSION_TOKEN.test(token)) return authFail(c, "invalid_connect_session_token_format");
      const session = findSession(section.data, token);
      if (!session) return authFail(c, "unknown_connect_session_token");
      c.set("authType", "connectSession");
      c.set("connectSession", session);
      return next();
    }

    // The emulator's default key is not a UUID, so it is accepted before the format check
    // that the real server applies to every key.
    if (token !== secretKey) return authFail(c, UUID_V4.test(token) ? "unknown_account" : "invalid_secret_key_format");
    c.set("authType", "secretKey");
    return next();
  };
}
