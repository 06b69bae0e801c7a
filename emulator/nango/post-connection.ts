/**
 * Nango's `microsoftTeamsPostConnection` hook: copy the `tid` claim of the access token
 * into `connection_config.tenantId`, which the app needs for tenant-scoped Graph calls.
 * The token is only decoded, never verified, as in Nango; an opaque token (a personal
 * Microsoft account) leaves the config untouched.
 *
 * Nango starts the hook without awaiting it (`void connectionCreatedHook(...)` in
 * oauth.controller.ts) and tells the Connect UI "success" first, so the browser's
 * `connect` event can reach the app before `tenantId` exists. The hook then sends the
 * auth webhook. `PostConnectionHooks` reproduces that with a configurable delay.
 */
import type { ConnectionRecord } from "./state";

export const DEFAULT_POST_CONNECTION_DELAY_MS = 250;

export function applyPostConnection(connection: ConnectionRecord): void {
  const payload = connection.credentials.access_token.split(".")[1];
  if (!payload) return;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { tid?: unknown };
    if (typeof claims.tid === "string")
      connection.connection_config = { ...connection.connection_config, tenantId: claims.tid };
  } catch {
    // Not a JWT: Nango logs and skips the update.
  }
}

/** Runs post-connection work after `delayMs`, and lets tests wait until none is pending. */
export class PostConnectionHooks {
  delayMs = DEFAULT_POST_CONNECTION_DELAY_MS;
  private readonly pending = new Set<Promise<void>>();

  schedule(work: () => void): void {
    const run = new Promise<void>((resolve) => {
      setTimeout(() => {
        try {
          work();
        } finally {
          resolve();
        }
      }, this.delayMs);
    });
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
