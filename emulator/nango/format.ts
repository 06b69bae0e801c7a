/** Connection records → Nango's public API shapes (list item and full connection). */
import type { ConnectionRecord } from "./state";
import { pgTimestamp } from "./time";

const REFRESH_TOKEN_KEY = /refresh.?token/i;

/** Removes every key that looks like a refresh token, at any depth (Nango never leaks them by default). */
export function stripRefreshTokens<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripRefreshTokens) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (!REFRESH_TOKEN_KEY.test(key)) out[key] = stripRefreshTokens(member);
    }
    return out as T;
  }
  return value;
}

/** The fields Nango's list and single-connection answers share, in Nango's order. */
function connectionBase(c: ConnectionRecord) {
  return {
    id: c.id,
    connection_id: c.connection_id,
    provider_config_key: c.provider_config_key,
    provider: c.provider,
    errors: c.errors ?? [],
    end_user: c.end_user,
    tags: c.tags,
    metadata: c.metadata,
  };
}

export function connectionListItem(c: ConnectionRecord) {
  return { ...connectionBase(c), created: pgTimestamp(c.created_at) };
}

/**
 * The full connection. `withCredentials: false` is the shape Nango puts in the
 * `invalid_credentials` error payload, where `credentials` is `{}`.
 */
export function connectionFull(c: ConnectionRecord, includeRefreshToken: boolean, withCredentials = true) {
  const credentials = structuredClone(c.credentials);
  return {
    ...connectionBase(c),
    connection_config: c.connection_config,
    webhook_url_override: null,
    created_at: pgTimestamp(c.created_at),
    updated_at: pgTimestamp(c.updated_at),
    last_fetched_at: c.last_fetched_at ? pgTimestamp(c.last_fetched_at) : null,
    credentials: !withCredentials ? {} : includeRefreshToken ? credentials : stripRefreshTokens(credentials),
  };
}
