/**
 * Token refresh as Nango's `refreshOrTestCredentials`: refresh when the access token
 * expires within 15 minutes (or on force), one refresh at a time per connection (Microsoft
 * rotates refresh tokens, so a second concurrent refresh would burn the new one), a 30 s
 * back-off after a failure, and a signed `refresh` failure webhook when it fails.
 */
import type { EmulatorConfig } from "../core/config";
import { authWebhookBody } from "./auth-webhook";
import type { Integration } from "./integration";
import { refreshToken } from "./oauth-client";
import type { ConnectionRecord, NangoSection } from "./state";
import type { WebhookDispatcher } from "./webhooks";

export const REFRESH_MARGIN_MS = 15 * 60 * 1000;
export const REFRESH_FAILURE_COOLDOWN_MS = 30 * 1000;

export type RefreshResult =
  | { ok: true; refreshed: boolean }
  | { ok: false; status: 400 | 424; type: string; message: string };

const EXTERNAL_ERROR =
  "The external API returned an error when trying to refresh the access token. Please try again later.";

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
    if (!force && connection.last_refresh_failure && Date.now() - connection.last_refresh_failure < REFRESH_FAILURE_COOLDOWN_MS) {
      return Promise.resolve({
        ok: false,
        status: 424,
        type: "connection_refresh_backoff",
        message: "A recent refresh attempt failed. Backing off before retrying.",
      });
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
      connection.last_refresh_failure = null;
      this.section.changed();
      return { ok: true, refreshed: true };
    } catch {
      connection.last_refresh_failure = Date.now();
      this.section.changed();
      const error = { type: "refresh_token_external_error", description: EXTERNAL_ERROR };
      this.webhooks.send(
        connection.connection_id,
        authWebhookBody(this.config, this.integration, { connectionId: connection.connection_id, operation: "refresh", connection, error }),
      );
      return { ok: false, status: 400, type: error.type, message: EXTERNAL_ERROR };
    }
  }
}
