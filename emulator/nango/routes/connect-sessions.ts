/**
 * Connect sessions: `POST /connect/sessions`, `POST /connect/sessions/reconnect` (secret
 * key) and `GET /connect/session` (the Connect UI, with the session token).
 * Tokens are `nango_connect_session_` + 64 hex chars and live 30 minutes, as in Nango.
 */
import crypto from "node:crypto";
import { Hono } from "hono";
import type { z } from "zod";
import type { EmulatorConfig } from "../../core/config";
import { requireAuth } from "../auth";
import type { NangoEnv } from "../env";
import { fail, zodIssues } from "../errors";
import type { Integration } from "../integration";
import {
  postReconnectBody,
  postSessionBody,
  postSessionBodyTagsOnly,
  type EndUserInput,
  type OrganizationInput,
} from "../schemas";
import { findConnection, type ConnectSession, type EndUser, type NangoSection } from "../state";
import { buildTags } from "../tags";

export const SESSION_TTL_MS = 30 * 60 * 1000;

export function toEndUser(
  input: EndUserInput | undefined,
  organization: OrganizationInput | undefined,
): EndUser | null {
  if (!input) return null;
  return {
    id: input.id,
    display_name: input.display_name ?? null,
    email: input.email ?? null,
    tags: input.tags ?? null,
    organization: organization ? { id: organization.id, display_name: organization.display_name ?? null } : null,
  };
}

/** Nango rejects config defaults / allowed integrations naming an integration it doesn't have. */
function unknownIntegrationIssues(
  body: { allowed_integrations?: string[]; integrations_config_defaults?: object; overrides?: object },
  known: string,
) {
  const issues: z.core.$ZodIssue[] = [];
  body.allowed_integrations?.forEach((id, index) => {
    if (id !== known)
      issues.push({
        code: "custom",
        message: "Integration does not exist",
        input: id,
        path: ["allowed_integrations", index],
      });
  });
  for (const field of ["integrations_config_defaults", "overrides"] as const) {
    for (const id of Object.keys(body[field] ?? {})) {
      if (id !== known)
        issues.push({ code: "custom", message: "Integration does not exist", input: id, path: [field, id] });
    }
  }
  return issues;
}

export function connectSessionRoutes(config: EmulatorConfig, section: NangoSection, integration: Integration) {
  const app = new Hono<NangoEnv>();
  const secretAuth = requireAuth("secretKey", config.nango.secretKey, section);

  const issue = (session: Omit<ConnectSession, "token" | "created_at" | "expires_at">) => {
    const now = Date.now();
    const full: ConnectSession = {
      ...session,
      token: `nango_connect_session_${crypto.randomBytes(32).toString("hex")}`,
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
    };
    section.data.sessions.push(full);
    section.changed();
    const link = new URL(`${config.origins.connectUi}/`);
    link.searchParams.set("session_token", full.token);
    return {
      data: { token: full.token, connect_link: link.toString(), expires_at: new Date(full.expires_at).toISOString() },
    };
  };

  app.post("/connect/sessions", secretAuth, async (c) => {
    if (Object.keys(c.req.queries()).length > 0) return fail(c, 400, "invalid_query_params", { errors: [] });
    const raw: unknown = await c.req.json().catch(() => undefined);
    const isObject = raw !== null && typeof raw === "object" && !Array.isArray(raw);
    const tagsOnly = isObject && "tags" in raw && !("end_user" in raw);
    const parsed = tagsOnly ? postSessionBodyTagsOnly.safeParse(raw) : postSessionBody.safeParse(raw);
    if (!parsed.success) return fail(c, 400, "invalid_body", { errors: zodIssues(parsed.error.issues) });
    const body = parsed.data;
    const missing = unknownIntegrationIssues(body, integration.uniqueKey);
    if (missing.length > 0) return fail(c, 400, "invalid_body", { errors: zodIssues(missing) });
    return c.json(
      issue({
        end_user: toEndUser(body.end_user, body.organization),
        allowed_integrations: body.allowed_integrations ?? null,
        integrations_config_defaults: body.integrations_config_defaults ?? null,
        tags: buildTags(body.end_user, body.organization, body.tags),
        reconnect: null,
      }),
      201,
    );
  });

  app.post("/connect/sessions/reconnect", secretAuth, async (c) => {
    const parsed = postReconnectBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return fail(c, 400, "invalid_body", { errors: zodIssues(parsed.error.issues) });
    const body = parsed.data;
    const connection = findConnection(section.data, body.connection_id, body.integration_id);
    if (!connection) return fail(c, 400, "invalid_body", { message: "ConnectionID or IntegrationId does not exists" });
    const missing = unknownIntegrationIssues(body, integration.uniqueKey);
    if (missing.length > 0) return fail(c, 400, "invalid_body", { errors: zodIssues(missing) });
    return c.json(
      issue({
        // Like Nango, the session only has its own end user when the body names one; the
        // connection's end user is looked up when the Connect UI asks for the session.
        end_user: toEndUser(body.end_user, body.organization),
        allowed_integrations: [body.integration_id],
        integrations_config_defaults: body.integrations_config_defaults ?? null,
        tags: { ...buildTags(body.end_user, body.organization, undefined), ...body.tags },
        reconnect: { connection_id: connection.connection_id, integration_id: body.integration_id },
      }),
      201,
    );
  });

  app.get("/connect/session", requireAuth("connectSession", config.nango.secretKey, section), (c) => {
    const session = c.get("connectSession")!;
    const reconnecting =
      session.reconnect &&
      findConnection(section.data, session.reconnect.connection_id, session.reconnect.integration_id);
    const data: Record<string, unknown> = {
      endUser: reconnecting ? reconnecting.end_user : session.end_user,
      connectUISettings: {
        showWatermark: true,
        defaultTheme: "system",
        theme: { light: { primary: "#00B2E3" }, dark: { primary: "#00B2E3" } },
      },
    };
    if (session.allowed_integrations) data.allowed_integrations = session.allowed_integrations;
    if (session.integrations_config_defaults) {
      data.integrations_config_defaults = Object.fromEntries(
        Object.entries(session.integrations_config_defaults).map(([key, value]) => [
          key,
          { connection_config: value.connection_config, authorization_params: value.authorization_params },
        ]),
      );
    }
    if (session.reconnect) data.isReconnecting = true;
    return c.json({ data });
  });

  app.delete("/connect/session", requireAuth("connectSession", config.nango.secretKey, section), (c) => {
    const token = c.get("connectSession")!.token;
    section.data.sessions = section.data.sessions.filter((s) => s.token !== token);
    section.changed();
    return c.body(null, 204);
  });

  // The hosted Connect UI beacons telemetry; accepted and ignored.
  app.post("/connect/telemetry", (c) => c.body(null, 204));

  return app;
}
