/**
 * Token refresh as Nango's `refreshOrTestCredentials` (0.71.x,
 * packages/shared/lib/services/connections/credentials/refresh.ts): refresh when the
 * access token expires within 15 minutes (or on force), one refresh at a time per
 * connection (Microsoft rotates refresh tokens), a 30 s back-off after a failure, and a
 * signed `refresh` failure webhook when it fails.
 *
 * Failure bookkeeping follows `setRefreshFailure`: the connection gets an `auth` error
 * log (the API's `errors`), the attempt counter goes up at most once per calendar day,
 * and after 4 days (`MAX_CONSECUTIVE_DAYS_FAILED_REFRESH`) the connection is
 * `refresh_exhausted`: Nango stops trying and answers 424 "The refresh limit has been
 * reached for this connection." The provider's own error (an AADSTS code) never reaches
 * the caller: every failure is the generic `refresh_token_external_error`.
 */
import crypto from "node:crypto";
import type { EmulatorConfig } from "../core/config";
import { authWebhookBody } from "./auth-webhook";
import type { Integration } from "./integration";
import { refreshToken } from "./oauth-client";
import type { ConnectionRecord, NangoSection } from "./state";
import type { WebhookDispatcher } from "./webhooks";

export const REFRESH_MARGIN_MS = 15 * 60 * 1000;
export const REFRESH_FAILURE_COOLDOWN_MS = 30 * 1000;
export const MAX_CONSECUTIVE_DAYS_FAILED_REFRESH = 4;

export type RefreshResult =
  { ok: true; refreshed: boolean } | { ok: false; status: 400 | 424; type: string; message: string };

export const EXTERNAL_ERROR =
  "The external API returned an error when trying to refresh the access token. Please try again later.";
export const EXHAUSTED_MESSAGE = "The refresh limit has been reached for this connection.";
const BACKOFF_MESSAGE = "A recent refresh attempt failed. Backing off before retrying.";

/** What a failed refresh leaves on the connection (also used by the "age the failure" control). */
export function recordRefreshFailure(connection: ConnectionRecord, now = Date.now()): void {
  const last = connection.last_refresh_failure;
  let attempt = connection.refresh_attempts || 1;
  if (last && new Date(last).toDateString() !== new Date(now).toDateString() && last < now) attempt += 1;
  connection.refresh_attempts = attempt;
  connection.refresh_exhausted = attempt >= MAX_CONSECUTIVE_DAYS_FAILED_REFRESH;
  connection.last_refresh_failure = now;
  connection.updated_at = now;
  connection.errors = [
    { type: "auth", log_id: connection.errors?.[0]?.log_id ?? crypto.randomBytes(10).toString("hex") },
  ];
}

/** A successful refresh or reconnect forgets every failure. */
export function clearRefreshFailure(connection: ConnectionRecord): void {
  connection.last_refresh_failure = null;
  connection.refresh_attempts = 0;
  connection.refresh_exhausted = false;
  connection.errors = [];
}

export class Refresher {
  private readonly inFlight = new Map<number, Promise<RefreshResult>>();

  constructor(
    private readonly config: EmulatorConfig,
    private readonly section: NangoSection,
    private readonly integration: Integration,
    private readonly webhooks: WebhookDispatcher,
  ) {}

  ensureFresh(connection: ConnectionRecord, { force = false } = {}): Promise<RefreshResult> {
    connection.last_fetched_at = Date.now();
    this.section.changed();
    if (!force && connection.refresh_exhausted) {
      return Promise.resolve({
        ok: false,
        status: 424,
        type: "connection_refresh_exhausted",
        message: EXHAUSTED_MESSAGE,
      });
    }
    if (
      !force &&
      connection.last_refresh_failure &&
      Date.now() - connection.last_refresh_failure < REFRESH_FAILURE_COOLDOWN_MS
    ) {
      return Promise.resolve({ ok: false, status: 424, type: "connection_refresh_backoff", message: BACKOFF_MESSAGE });
    }
    const expiresAt = connection.credentials.expires_at ? Date.parse(connection.credentials.expires_at) : Infinity;
    if (!force && expiresAt - Date.now() > REFRESH_MARGIN_MS) return Promise.resolve({ ok: true, refreshed: false });

    const running = this.inFlight.get(connection.id);
    if (running) return running;
    const work = this.refresh(connection).finally(() => this.inFlight.delete(connection.id));
    this.inFlight.set(connection.id, work);
    return work;
  }

  private async refresh(connection: ConnectionRecord): Promise<RefreshResult> {
    try {
      connection.credentials = await refreshToken(this.integration, connection.credentials);
      connection.updated_at = Date.now();
      clearRefreshFailure(connection);
      this.section.changed();
      return { ok: true, refreshed: true };
    } catch {
      recordRefreshFailure(connection);
      this.section.changed();
      const error = { type: "refresh_token_external_error", description: EXTERNAL_ERROR };
      this.webhooks.send(
        connection.connection_id,
        authWebhookBody(this.config, this.integration, {
          connectionId: connection.connection_id,
          operation: "refresh",
          connection,
          error,
        }),
      );
      return { ok: false, status: 400, type: error.type, message: EXTERNAL_ERROR };
    }
  }
}
