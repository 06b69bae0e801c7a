/**
 * Test controls under `/_emulator/nango/...` (loopback only, via the core control API):
 * seed connections without a browser, expire a connect session or an access token,
 * inspect / pause / release / replay webhooks, switch the environment's webhook flags,
 * delay the post-connection hook, rate-limit the API, age a refresh failure, and shrink
 * retry back-offs so tests stay fast.
 */
import crypto from "node:crypto";
import type { Hono } from "hono";
import { z } from "zod";
import type { EmulatorConfig } from "../core/config";
import { authWebhookBody } from "./auth-webhook";
import type { Integration } from "./integration";
import type { PostConnectionHooks } from "./post-connection";
import type { RateLimitState } from "./rate-limit";
import { MAX_CONSECUTIVE_DAYS_FAILED_REFRESH, recordRefreshFailure } from "./refresh";
import type { ProxySettings } from "./routes/proxy";
import { findConnection, type ConnectionRecord, type NangoSection } from "./state";
import type { WebhookDispatcher } from "./webhooks";

const seedBody = z.object({
  connectionId: z.string().optional(),
  endUser: z
    .object({
      id: z.string(),
      email: z.string().nullable().optional(),
      displayName: z.string().nullable().optional(),
      organization: z.object({ id: z.string(), displayName: z.string().nullable().optional() }).nullable().optional(),
    })
    .optional(),
  tags: z.record(z.string(), z.string()).optional(),
  tenantId: z.string().optional(),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  expiresInSeconds: z.number().int().optional(),
  /** Scopes the seeded grant has (default: the integration's), e.g. to make one miss a scope. */
  scopes: z.array(z.string()).optional(),
  /** Send the `creation` webhook too, as a real connection would. */
  webhook: z.boolean().default(false),
});

const settingsBody = z.object({
  webhookRetryBaseMs: z.number().int().min(0).optional(),
  webhookRetries: z.number().int().min(0).max(10).optional(),
  webhookTimeoutMs: z.number().int().min(1).optional(),
  proxyRetryBaseMs: z.number().int().min(0).optional(),
});

export function registerControls(
  api: Hono,
  deps: {
    config: EmulatorConfig;
    section: NangoSection;
    integration: Integration;
    webhooks: WebhookDispatcher;
    proxy: ProxySettings;
    hooks: PostConnectionHooks;
    rateLimit: RateLimitState;
  },
): void {
  const { config, section, integration, webhooks, proxy, hooks, rateLimit } = deps;
  const notFound = (what: string) => ({ error: { code: "not_found", message: `No such ${what}` } });

  api.post("/nango/connections", async (c) => {
    const body = seedBody.parse(await c.req.json().catch(() => ({})));
    const now = Date.now();
    const expiresAt = new Date(now + (body.expiresInSeconds ?? 3599) * 1000).toISOString();
    const accessToken = body.accessToken ?? `emulator-access-${crypto.randomBytes(12).toString("hex")}`;
    const refreshToken = body.refreshToken ?? `emulator-refresh-${crypto.randomBytes(12).toString("hex")}`;
    const endUser = body.endUser
      ? {
          id: body.endUser.id,
          email: body.endUser.email ?? null,
          display_name: body.endUser.displayName ?? null,
          tags: null,
          organization: body.endUser.organization
            ? { id: body.endUser.organization.id, display_name: body.endUser.organization.displayName ?? null }
            : null,
        }
      : null;
    const tags: Record<string, string> = {
      ...(endUser ? { end_user_id: endUser.id } : {}),
      ...(endUser?.email ? { end_user_email: endUser.email } : {}),
      ...body.tags,
    };
    const connection: ConnectionRecord = {
      id: section.data.nextId++,
      connection_id: body.connectionId ?? crypto.randomUUID(),
      provider_config_key: integration.uniqueKey,
      provider: integration.provider,
      end_user: endUser,
      tags,
      metadata: null,
      connection_config: body.tenantId ? { tenantId: body.tenantId } : {},
      credentials: {
        type: "OAUTH2",
        access_token: accessToken,
        refresh_token: refreshToken,
        expires_at: expiresAt,
        raw: {
          token_type: "Bearer",
          access_token: accessToken,
          refresh_token: refreshToken,
          expires_in: body.expiresInSeconds ?? 3599,
          scope: body.scopes?.join(" ") ?? integration.scopes.split(",").join(" "),
          expires_at: expiresAt,
        },
      },
      created_at: now,
      updated_at: now,
      last_fetched_at: null,
      last_refresh_failure: null,
      errors: [],
    };
    section.data.connections.push(connection);
    section.changed();
    if (body.webhook) {
      webhooks.send(
        connection.connection_id,
        authWebhookBody(config, integration, {
          connectionId: connection.connection_id,
          operation: "creation",
          connection,
          endUser,
        }),
      );
    }
    return c.json({ connection }, 201);
  });

  api.get("/nango/connections", (c) => c.json({ connections: section.data.connections }));

  /** Makes the access token look expired (or set `expiresInSeconds`), to exercise refresh. */
  api.post("/nango/connections/:id/expire", async (c) => {
    const connection = findConnection(section.data, c.req.param("id"), integration.uniqueKey);
    if (!connection) return c.json({ error: { code: "not_found", message: "No such connection" } }, 404);
    const body = z
      .object({ expiresInSeconds: z.number().int().default(0) })
      .parse(await c.req.json().catch(() => ({})));
    connection.credentials.expires_at = new Date(Date.now() + body.expiresInSeconds * 1000).toISOString();
    connection.last_refresh_failure = null;
    connection.refresh_exhausted = false;
    section.changed();
    return c.json({ expires_at: connection.credentials.expires_at });
  });

  api.get("/nango/sessions", (c) => c.json({ sessions: section.data.sessions }));
  api.post("/nango/sessions/:token/expire", (c) => {
    const session = section.data.sessions.find((s) => s.token === c.req.param("token"));
    if (!session) return c.json({ error: { code: "not_found", message: "No such session" } }, 404);
    session.expires_at = Date.now() - 1;
    section.changed();
    return c.json({ ok: true });
  });

  api.get("/nango/webhooks", (c) =>
    c.json({ paused: webhooks.state.paused, settings: webhooks.settings, deliveries: webhooks.state.deliveries }),
  );
  api.post("/nango/webhooks/pause", (c) => {
    webhooks.setPaused(true);
    return c.json({ paused: true });
  });
  api.post("/nango/webhooks/resume", (c) => {
    webhooks.setPaused(false);
    return c.json({ paused: false });
  });
  /** Waits until pending post-connection hooks have run and every started delivery is done (held ones stay held). */
  api.post("/nango/webhooks/flush", async (c) => {
    await hooks.whenIdle();
    await webhooks.whenIdle();
    return c.json({ paused: webhooks.state.paused, deliveries: webhooks.state.deliveries });
  });
  /** Delivers held deliveries one after another in the order given (each with its retries); answers when all are done. */
  api.post("/nango/webhooks/release", async (c) => {
    const body = z.object({ ids: z.array(z.string()).min(1) }).parse(await c.req.json());
    const deliveries = await webhooks.release(body.ids);
    return c.json({ deliveries });
  });
  api.get("/nango/webhook-settings", (c) => c.json(webhooks.flags));
  api.post("/nango/webhook-settings", async (c) => {
    const body = z
      .strictObject({ onAuthCreation: z.boolean().optional(), onAuthRefreshError: z.boolean().optional() })
      .parse(await c.req.json());
    return c.json(webhooks.setFlags(body));
  });

  api.get("/nango/post-connection", (c) => c.json({ delayMs: hooks.delayMs }));
  api.post("/nango/post-connection", async (c) => {
    const body = z.object({ delayMs: z.number().int().min(0).max(600_000) }).parse(await c.req.json());
    hooks.delayMs = body.delayMs;
    return c.json({ delayMs: hooks.delayMs });
  });

  api.get("/nango/rate-limit", (c) => c.json(rateLimit));
  /** The next `requests` API calls answer Nango's 429 too_many_request with `Retry-After: retryAfter`. */
  api.post("/nango/rate-limit", async (c) => {
    const body = z
      .object({
        requests: z.number().int().min(0).max(100_000),
        retryAfter: z.number().int().min(0).max(3600).default(1),
        path: z.string().optional(),
      })
      .parse(await c.req.json());
    if (body.path) new RegExp(body.path);
    Object.assign(rateLimit, {
      remaining: body.requests,
      retryAfterSeconds: body.retryAfter,
      ...(body.path ? { path: body.path } : {}),
    });
    return c.json(rateLimit);
  });

  /**
   * Ages a connection's refresh failure to Nango's limit (4 days of failed refreshes in a
   * row): from now on the proxy answers 424 and GET /connections/:id 424 invalid_credentials,
   * until a reconnect (or a forced refresh that succeeds).
   */
  api.post("/nango/connections/:id/refresh-exhausted", (c) => {
    const connection = findConnection(section.data, c.req.param("id"), integration.uniqueKey);
    if (!connection) return c.json(notFound("connection"), 404);
    recordRefreshFailure(connection);
    connection.refresh_attempts = MAX_CONSECUTIVE_DAYS_FAILED_REFRESH;
    connection.refresh_exhausted = true;
    section.changed();
    return c.json({
      connection_id: connection.connection_id,
      errors: connection.errors,
      refresh_attempts: connection.refresh_attempts,
      refresh_exhausted: true,
    });
  });
  api.post("/nango/webhooks/:id/replay", (c) => {
    const delivery = webhooks.replay(c.req.param("id"));
    if (!delivery) return c.json({ error: { code: "not_found", message: "No such delivery" } }, 404);
    return c.json({ delivery }, 201);
  });

  api.post("/nango/settings", async (c) => {
    const body = settingsBody.parse(await c.req.json());
    if (body.webhookRetryBaseMs !== undefined) webhooks.settings.retryBaseMs = body.webhookRetryBaseMs;
    if (body.webhookRetries !== undefined) webhooks.settings.retries = body.webhookRetries;
    if (body.webhookTimeoutMs !== undefined) webhooks.settings.timeoutMs = body.webhookTimeoutMs;
    if (body.proxyRetryBaseMs !== undefined) proxy.retryBaseMs = body.proxyRetryBaseMs;
    return c.json({ webhooks: webhooks.settings, proxy });
  });
}
