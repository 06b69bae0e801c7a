/**
 * `GET /integrations`, `GET /integrations/:key` (secret key or connect session: the
 * Connect UI lists what its session allows) and `GET /providers/:provider`.
 */
import { Hono } from "hono";
import type { EmulatorConfig } from "../../core/config";
import { requireAuth } from "../auth";
import type { NangoEnv } from "../env";
import { fail } from "../errors";
import { integrationToApi, providerToApi, type Integration } from "../integration";
import type { NangoSection } from "../state";

const INCLUDES = new Set(["webhook", "credentials"]);

export function integrationRoutes(config: EmulatorConfig, section: NangoSection, integration: Integration) {
  const app = new Hono<NangoEnv>();
  const auth = requireAuth("either", config.nango.secretKey, section);

  app.get("/integrations", auth, (c) => {
    const allowed = c.get("connectSession")?.allowed_integrations;
    const visible = !allowed || allowed.includes(integration.uniqueKey);
    return c.json({ data: visible ? [integrationToApi(integration, config)] : [] });
  });

  app.get("/integrations/:uniqueKey", auth, (c) => {
    const include = c.req.queries("include") ?? [];
    const bad = include.filter((v) => !INCLUDES.has(v));
    if (bad.length > 0) {
      return fail(c, 400, "invalid_query_params", {
        errors: [
          {
            code: "invalid_value",
            message: 'Invalid option: expected one of "webhook"|"credentials"',
            path: ["include"],
          },
        ],
      });
    }
    if (include.length > 0 && c.get("authType") !== "secretKey") {
      return fail(c, 403, "invalid_permissions", { message: "Can't include credentials without a private key" });
    }
    if (c.req.param("uniqueKey") !== integration.uniqueKey)
      return fail(c, 404, "not_found", { message: "Integration does not exist" });
    const extra: Record<string, unknown> = {};
    if (include.includes("webhook"))
      extra.webhook_url = `${config.origins.nango}/webhook/emulator/${integration.uniqueKey}`;
    if (include.includes("credentials")) {
      extra.credentials = {
        type: "OAUTH2",
        client_id: integration.clientId,
        client_secret: integration.clientSecret,
        scopes: integration.scopes,
        webhook_secret: null,
      };
    }
    return c.json({ data: integrationToApi(integration, config, extra) });
  });

  // The Connect UI reads the provider template with its session token.
  app.get("/providers/:provider", auth, (c) => {
    const provider = providerToApi(c.req.param("provider"), config);
    if (!provider) return fail(c, 404, "not_found", { message: `Unknown provider ${c.req.param("provider")}` });
    return c.json({ data: provider });
  });

  app.get("/images/template-logos/:file", (c) =>
    c.body(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#5059C9"/><text x="16" y="22" font-size="16" text-anchor="middle" fill="#fff" font-family="sans-serif">T</text></svg>',
      200,
      { "content-type": "image/svg+xml" },
    ),
  );

  return app;
}
