/**
 * The popup half of Nango's OAuth2 flow: `GET /oauth/connect/:key` (authorised by the
 * connect session token in the query) redirects to the provider's authorize URL;
 * `GET /oauth/callback` exchanges the code, upserts the connection, notifies the SDK over
 * WebSocket and renders the callback page; the post-connection hook (tenantId) and the
 * auth webhook run afterwards, asynchronously, as in Nango. Error types and messages are
 * Nango's (web-socket-error.ts).
 */
import crypto from "node:crypto";
import { Hono, type Context } from "hono";
import type { EmulatorConfig } from "../../core/config";
import { authWebhookBody } from "../auth-webhook";
import { callbackHtml } from "../callback-html";
import { authFail, fail } from "../errors";
import type { Integration } from "../integration";
import { exchangeCode } from "../oauth-client";
import { applyPostConnection, type PostConnectionHooks } from "../post-connection";
import { clearRefreshFailure } from "../refresh";
import { findConnection, findSession, type ConnectSession, type ConnectionRecord, type NangoSection } from "../state";
import type { WebhookDispatcher } from "../webhooks";
import type { WsPublisher } from "../websocket";

interface OAuthSession {
  state: string;
  connectionId: string;
  wsClientId: string | undefined;
  session: ConnectSession;
  connectionConfig: Record<string, unknown>;
  createdAt: number;
}

const SESSION_TOKEN = /^nango_connect_session_[a-f0-9]{64}$/;
const PROVIDER_ERROR_KEYS = ["error", "error_description", "error_reason", "error_uri", "status_code", "error_message"];

/** `authorization_params[prompt]=consent` → `{ prompt: 'consent' }`; the SDK sends "undefined" to unset one. */
function bracketParams(query: URLSearchParams, name: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of query) {
    const match = new RegExp(`^${name}\\[([^\\]]+)\\]$`).exec(key);
    if (match) out[match[1]!] = value === "undefined" ? undefined : value;
  }
  return out;
}

export function oauthRoutes(
  config: EmulatorConfig,
  section: NangoSection,
  integration: Integration,
  webhooks: WebhookDispatcher,
  ws: WsPublisher,
  hooks: PostConnectionHooks,
) {
  const app = new Hono();
  const pending = new Map<string, OAuthSession>();
  const callbackUrl = `${config.origins.nango}/oauth/callback`;

  const html = (c: Context, query: URLSearchParams, error?: string) => {
    const page = callbackHtml(query, error);
    return c.html(page.html, page.status);
  };
  const notifyError = (
    c: Context,
    query: URLSearchParams,
    wsClientId: string | undefined,
    connectionId: string | undefined,
    type: string,
    message: string,
  ) => {
    ws.publish(wsClientId, {
      message_type: "error",
      provider_config_key: integration.uniqueKey,
      connection_id: connectionId,
      error_type: type,
      error_desc: message,
    });
    return html(c, query, message);
  };

  app.get("/oauth/connect/:providerConfigKey", (c) => {
    const query = new URL(c.req.url).searchParams;
    const token = query.get("connect_session_token");
    // Without a session token Nango falls back to (deprecated) public-key auth.
    if (!token)
      return fail(c, 401, "missing_public_key", {
        message: "Authentication failed. The request is missing a valid public key parameter.",
      });
    if (!SESSION_TOKEN.test(token)) return authFail(c, "invalid_connect_session_token_format");
    const session = findSession(section.data, token);
    if (!session) return authFail(c, "unknown_connect_session_token");
    if (query.has("connection_id")) {
      return fail(c, 400, "invalid_query_params", {
        errors: [
          { code: "custom", message: "connection_id is forbidden when using session token", path: ["connection_id"] },
        ],
      });
    }
    const wsClientId = query.get("ws_client_id") ?? undefined;
    const key = c.req.param("providerConfigKey");
    if (key !== integration.uniqueKey) {
      return notifyError(
        c,
        query,
        wsClientId,
        undefined,
        "provider_config_err",
        `Could not find a Provider Config matching the "${key}" key.`,
      );
    }
    if (session.allowed_integrations && !session.allowed_integrations.includes(key))
      return fail(c, 400, "integration_not_allowed");

    let connectionId: string = crypto.randomUUID();
    if (session.reconnect) {
      const existing = findConnection(section.data, session.reconnect.connection_id, session.reconnect.integration_id);
      if (!existing) return fail(c, 400, "invalid_connection");
      connectionId = existing.connection_id;
    }
    // A session's defaults win over anything the browser put in the query.
    const defaults = session.integrations_config_defaults?.[key];
    const authorizationParams = defaults?.authorization_params ?? bracketParams(query, "authorization_params");
    const connectionConfig: Record<string, unknown> = { ...defaults?.connection_config };
    if (defaults?.user_scopes) connectionConfig.user_scope = defaults.user_scopes;
    const scopes = (
      typeof defaults?.connection_config?.oauth_scopes_override === "string"
        ? defaults.connection_config.oauth_scopes_override
        : integration.scopes
    )
      .split(",")
      .join(integration.template.scope_separator ?? " ");

    const state = crypto.randomUUID();
    pending.set(state, { state, connectionId, wsClientId, session, connectionConfig, createdAt: Date.now() });

    const params: Record<string, string | undefined> = {
      ...integration.template.authorization_params,
      ...authorizationParams,
    };
    const url = new URL(integration.template.authorization_url);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", integration.clientId);
    url.searchParams.set("redirect_uri", callbackUrl);
    url.searchParams.set("scope", scopes);
    url.searchParams.set("state", state);
    for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
    c.header("set-cookie", `oauth2-${state}=1; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax`);
    return c.redirect(url.toString(), 302);
  });

  app.get("/oauth/callback", async (c) => {
    const query = new URL(c.req.url).searchParams;
    const state = query.get("state");
    if (!state) return html(c, query, "No state found in callback");
    const oauth = pending.get(state);
    if (!oauth) return html(c, query, `No session found for state: ${JSON.stringify(state)}`);
    pending.delete(state);
    const { connectionId, wsClientId, session } = oauth;

    const failCreation = (type: string, description: string) =>
      webhooks.send(
        connectionId,
        authWebhookBody(config, integration, { connectionId, operation: "creation", error: { type, description } }),
      );

    const code = query.get("code");
    if (!code) {
      const context = PROVIDER_ERROR_KEYS.filter((k) => query.get(k)?.trim())
        .map((k) => `${k}: ${query.get(k)!.trim()}`)
        .join("; ");
      const message = `Did not get authorization code in the callback.${context ? ` Provider error: ${context}` : ""}`;
      failCreation("invalid_callback", message);
      return notifyError(c, query, wsClientId, connectionId, "callback_err", message);
    }

    let operation: "creation" | "override";
    try {
      const credentials = await exchangeCode(integration, code, callbackUrl);
      ({ operation } = upsert(section, integration, oauth, credentials));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failCreation("unknown", message);
      return notifyError(c, query, wsClientId, connectionId, "unknown_err", message);
    }
    section.changed();
    ws.publish(wsClientId, {
      message_type: "success",
      provider_config_key: integration.uniqueKey,
      connection_id: connectionId,
      is_pending: false,
    });
    // Nango: `void connectionCreatedHook(...)`: the UI hears "success" before the hook has
    // written tenantId, and the webhook goes out only after the hook.
    hooks.schedule(() => {
      const current = findConnection(section.data, connectionId, integration.uniqueKey);
      if (!current) return;
      applyPostConnection(current);
      section.changed();
      webhooks.send(
        connectionId,
        authWebhookBody(config, integration, {
          connectionId,
          operation,
          connection: current,
          endUser: session.end_user,
        }),
      );
    });
    return html(c, query);
  });

  return app;
}

/** Creates the connection, or overrides the credentials of an existing one (a reconnect). */
function upsert(
  section: NangoSection,
  integration: Integration,
  oauth: OAuthSession,
  credentials: ConnectionRecord["credentials"],
) {
  const now = Date.now();
  const connectionConfig = { ...oauth.connectionConfig };
  // Nango stores the override as an array once the connection exists.
  if (typeof connectionConfig.oauth_scopes_override === "string") {
    connectionConfig.oauth_scopes_override = connectionConfig.oauth_scopes_override.split(",");
  }
  const existing = findConnection(section.data, oauth.connectionId, integration.uniqueKey);
  const tags = Object.keys(oauth.session.tags).length > 0 ? oauth.session.tags : (existing?.tags ?? {});
  if (existing) {
    // Nango's upsertConnection replaces connection_config (no merge): tenantId is gone
    // until the post-connection hook writes it again.
    Object.assign(existing, {
      credentials,
      connection_config: connectionConfig,
      tags,
      end_user: oauth.session.end_user ?? existing.end_user,
      updated_at: now,
    });
    clearRefreshFailure(existing);
    return { connection: existing, operation: "override" as const };
  }
  const connection: ConnectionRecord = {
    id: section.data.nextId++,
    connection_id: oauth.connectionId,
    provider_config_key: integration.uniqueKey,
    provider: integration.provider,
    end_user: oauth.session.end_user,
    tags,
    metadata: null,
    connection_config: connectionConfig,
    credentials,
    created_at: now,
    updated_at: now,
    last_fetched_at: null,
    last_refresh_failure: null,
    errors: [],
  };
  section.data.connections.push(connection);
  return { connection, operation: "creation" as const };
}
