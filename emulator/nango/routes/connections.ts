/**
 * `GET /connections`, `GET /connections/:id`, `DELETE /connections/:id` (secret key).
 * Query validation is strict like Nango's, so an unexpected parameter is a 400 here too.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { EmulatorConfig } from "../../core/config";
import { requireAuth } from "../auth";
import type { NangoEnv } from "../env";
import { fail, zodIssues } from "../errors";
import { connectionFull, connectionListItem } from "../format";
import type { Integration } from "../integration";
import type { Refresher } from "../refresh";
import { connectionIdSchema, providerConfigKey } from "../schemas";
import { findConnection, type NangoSection } from "../state";

const stringBool = z.enum(["true", "false"]).transform((v) => v === "true");

const getQuery = z.strictObject({
  provider_config_key: providerConfigKey,
  refresh_token: stringBool.optional().default(false),
  force_refresh: stringBool.optional().default(false),
  refresh_github_app_jwt_token: stringBool.optional().default(false),
});

const listQuery = z.strictObject({
  connectionId: z.string().min(1).max(255).optional(),
  search: z.string().min(1).max(255).optional(),
  endUserId: z.string().min(1).max(255).optional(),
  integrationId: z.string().min(1).optional(),
  endUserOrganizationId: z.string().min(1).max(255).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  limit: z.coerce.number().min(1).max(2000).optional(),
  page: z.coerce.number().min(0).optional(),
});

/** Express's qs turns `tags[a]=b` into `{ tags: { a: 'b' } }`; Hono doesn't, so do it here. */
function parseQuery(url: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URL(url).searchParams) {
    const match = /^(\w+)\[([^\]]*)\]$/.exec(key);
    if (match) {
      const group = (out[match[1]!] ??= {}) as Record<string, string>;
      group[match[2]!] = value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function connectionRoutes(
  config: EmulatorConfig,
  section: NangoSection,
  integration: Integration,
  refresher: Refresher,
) {
  const app = new Hono<NangoEnv>();
  app.use("/connections", requireAuth("secretKey", config.nango.secretKey, section));
  app.use("/connections/*", requireAuth("secretKey", config.nango.secretKey, section));

  app.get("/connections", (c) => {
    const parsed = listQuery.safeParse(parseQuery(c.req.url));
    if (!parsed.success) return fail(c, 400, "invalid_query_params", { errors: zodIssues(parsed.error.issues) });
    const q = parsed.data;
    const integrationIds = q.integrationId?.split(",").map((id) => id.trim());
    const search = q.search?.toLowerCase();
    const limit = q.limit ?? 10_000;
    const page = q.page ?? 0;
    const rows = section.data.connections
      .filter((conn) => !q.connectionId || conn.connection_id === q.connectionId)
      .filter((conn) => !integrationIds || integrationIds.includes(conn.provider_config_key))
      // Postgres JSONB containment: every requested tag must match exactly.
      .filter((conn) => Object.entries(q.tags ?? {}).every(([k, v]) => conn.tags[k] === v))
      .filter((conn) => !q.endUserId || conn.end_user?.id === q.endUserId)
      .filter((conn) => !q.endUserOrganizationId || conn.end_user?.organization?.id === q.endUserOrganizationId)
      .filter(
        (conn) =>
          !search ||
          [conn.connection_id, conn.end_user?.display_name, conn.end_user?.email].some((v) =>
            v?.toLowerCase().includes(search),
          ),
      )
      .sort((a, b) => b.created_at - a.created_at || b.id - a.id)
      .slice(page * limit, page * limit + limit);
    return c.json({ connections: rows.map(connectionListItem) });
  });

  app.get("/connections/:connectionId", async (c) => {
    const parsed = getQuery.safeParse(c.req.query());
    if (!parsed.success) return fail(c, 400, "invalid_query_params", { errors: zodIssues(parsed.error.issues) });
    const id = connectionIdSchema.safeParse(c.req.param("connectionId"));
    if (!id.success) return fail(c, 400, "invalid_uri_params", { errors: zodIssues(id.error.issues) });
    const q = parsed.data;
    if (q.provider_config_key !== integration.uniqueKey) {
      return fail(c, 400, "unknown_provider_config", { message: "Provider does not exists" });
    }
    const connection = findConnection(section.data, id.data, q.provider_config_key);
    if (!connection) return fail(c, 404, "not_found", { message: "Failed to find connection" });
    const result = await refresher.ensureFresh(connection, { force: q.force_refresh });
    if (!result.ok) {
      return fail(c, result.status, "invalid_credentials", {
        message: result.message,
        // As Nango 0.71 (getConnection.ts): the refresh error's status (400 for
        // refresh_token_external_error, 424 for backoff / refresh limit reached), code
        // invalid_credentials, and the connection with its `errors` and `credentials: {}`.
        payload: { connection: connectionFull(connection, false, false) },
      });
    }
    return c.json(connectionFull(connection, q.refresh_token));
  });

  app.delete("/connections/:connectionId", (c) => {
    const id = connectionIdSchema.safeParse(c.req.param("connectionId"));
    if (!id.success) return fail(c, 400, "invalid_uri_params", { errors: zodIssues(id.error.issues) });
    const q = z.strictObject({ provider_config_key: providerConfigKey }).safeParse(c.req.query());
    if (!q.success) return fail(c, 400, "invalid_query_params", { errors: zodIssues(q.error.issues) });
    const connection = findConnection(section.data, id.data, q.data.provider_config_key);
    if (!connection) return fail(c, 400, "unknown_connection");
    section.data.connections = section.data.connections.filter((conn) => conn !== connection);
    section.changed();
    return c.json({ success: true });
  });

  return app;
}
