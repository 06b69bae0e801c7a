/**
 * The emulated Nango API origin: the public REST API the SDKs call, the OAuth popup
 * endpoints, and the WebSocket the frontend SDK listens on. State lives in the store,
 * so connections survive an emulator restart.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { EmulatedService, EmulatorContext } from "../core/context";
import { registerControls } from "./control";
import { fail } from "./errors";
import { loadIntegration } from "./integration";
import { PostConnectionHooks, DEFAULT_POST_CONNECTION_DELAY_MS } from "./post-connection";
import { freshRateLimit, rateLimitMiddleware } from "./rate-limit";
import { Refresher } from "./refresh";
import { connectSessionRoutes } from "./routes/connect-sessions";
import { connectionRoutes } from "./routes/connections";
import { integrationRoutes } from "./routes/integrations";
import { oauthRoutes } from "./routes/oauth";
import { proxyRoutes, type ProxySettings } from "./routes/proxy";
import { nangoSection } from "./state";
import { WebhookDispatcher } from "./webhooks";
import { WsPublisher } from "./websocket";

export function createNangoService(ctx: EmulatorContext): EmulatedService {
  const { config } = ctx;
  const section = nangoSection(ctx.store);
  const integration = loadIntegration(config);
  const webhooks = new WebhookDispatcher(config, ctx.store);
  const refresher = new Refresher(config, section, integration, webhooks);
  const ws = new WsPublisher();
  const proxySettings: ProxySettings = { retryBaseMs: 3000 };
  const hooks = new PostConnectionHooks();
  const rateLimit = freshRateLimit();
  ctx.onReset(() => {
    proxySettings.retryBaseMs = 3000;
    hooks.delayMs = DEFAULT_POST_CONNECTION_DELAY_MS;
    Object.assign(rateLimit, freshRateLimit());
    Object.assign(webhooks.settings, { retries: 2, retryBaseMs: 3000, timeoutMs: 20_000 });
  });

  const app = new Hono();
  // Nango's public CORS policy: any origin, Authorization allowed, so the Connect UI
  // (another origin) can call the API with its session token.
  app.use(
    "*",
    cors({
      origin: "*",
      maxAge: 600,
      allowHeaders: [
        "Authorization",
        "Content-Type",
        "Accept",
        "Origin",
        "X-Requested-With",
        "Nango-Activity-Log-Id",
        "Nango-Is-Dry-Run",
        "Nango-Is-Sync",
        "Provider-Config-Key",
        "Connection-Id",
        "Sentry-Trace",
        "Baggage",
      ],
      exposeHeaders: [
        "Authorization",
        "Etag",
        "Content-Type",
        "Content-Length",
        "X-Nango-Signature",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
      ],
    }),
  );
  app.use("*", rateLimitMiddleware(rateLimit));
  app.route("/", connectSessionRoutes(config, section, integration));
  app.route("/", integrationRoutes(config, section, integration));
  app.route("/", connectionRoutes(config, section, integration, refresher));
  app.route("/", proxyRoutes(config, section, integration, refresher, proxySettings));
  app.route("/", oauthRoutes(config, section, integration, webhooks, ws, hooks));
  app.get("/health", (c) => c.json({ result: "ok" }));
  app.notFound((c) => fail(c, 404, "not_found", { message: `Unknown route ${c.req.method} ${c.req.path}` }));

  registerControls(ctx.controlApi, { config, section, integration, webhooks, proxy: proxySettings, hooks, rateLimit });

  return { app, attach: (server) => ws.attach(server) };
}
