/**
 * The Microsoft Graph v1.0 stand-in (graph.microsoft.com) for the Teams data the app
 * reads and writes: users and people search, teams, channels, chats, messages (posting,
 * reactions, hosted images), presence, `$batch` and change-notification subscriptions.
 */
import { Hono } from "hono";
import { randomUUID } from "node:crypto";
import type { EmulatedService, EmulatorContext } from "../core/context";
import { datasetOf } from "../data/registry";
import { authenticate, personalAccountLimits } from "./auth";
import { registerBatch } from "./batch-route";
import { registerChatRoutes } from "./chats-routes";
import { registerGraphControls } from "./control";
import { registerChannelMessageRoutes } from "./channel-messages-routes";
import { defaultSettings, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { graphError } from "./errors";
import { registerTeamsRoutes } from "./teams-routes";
import { Throttler } from "./throttling";
import { registerUserRoutes } from "./users-routes";
import { registerPeopleRoutes } from "./people-routes";
import { registerHostedContentRoutes } from "./hosted-routes";
import { WriteFaults } from "./writes/faults";
import { Overlay } from "./writes/overlay";
import { registerPostRoutes } from "./writes/post-routes";
import { registerReactionRoutes } from "./writes/reaction-routes";
import { registerWriteControls } from "./writes/control";
import { registerSubscriptionControls } from "./subscriptions/control";
import { SubscriptionRegistry } from "./subscriptions/registry";
import { registerSubscriptionRoutes } from "./subscriptions/routes";
import { watchOverlay } from "./subscriptions/watch";

export function createGraphService(ctx: EmulatorContext): EmulatedService {
  const datasets = datasetOf(ctx);
  const throttler = new Throttler();
  ctx.onReset(() => throttler.reset());
  const deps: GraphDeps = {
    ctx,
    throttler,
    origin: ctx.config.origins.graph,
    settings: defaultSettings(),
    overlay: new Overlay(ctx.store, datasets),
    writeFaults: new WriteFaults(),
    subscriptions: new SubscriptionRegistry(),
  };
  watchOverlay(deps.overlay, deps.subscriptions, datasets);
  // The overlay is a store section: the store's reset already empties it.
  ctx.onReset(() => {
    deps.settings = defaultSettings();
    deps.writeFaults.reset();
    deps.subscriptions.clear();
    deps.subscriptions.resetSettings();
  });

  const app = new Hono<GraphEnv>();
  app.use("*", async (c, next) => {
    const requestId = randomUUID();
    c.set("requestId", requestId);
    await next();
    c.header("request-id", requestId);
    c.header("client-request-id", c.req.header("client-request-id") ?? requestId);
  });
  app.use("/v1.0/*", authenticate(ctx, datasets));
  app.use("/oidc/*", authenticate(ctx, datasets));
  app.use("/v1.0/*", personalAccountLimits());
  registerUserRoutes(app, deps);
  registerTeamsRoutes(app, deps);
  registerChannelMessageRoutes(app, deps);
  registerChatRoutes(app, deps);
  registerPostRoutes(app, deps);
  registerReactionRoutes(app, deps);
  registerHostedContentRoutes(app, deps);
  registerSubscriptionRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerBatch(app);
  registerGraphControls(deps, datasets);
  registerWriteControls(deps, datasets);
  registerSubscriptionControls(deps);

  // Graph answers unknown segments with a 400, not a 404.
  app.notFound((c) => {
    const segment = c.req.path.split("/").filter(Boolean).pop() ?? "";
    return graphError(c, 400, "BadRequest", `Resource not found for the segment '${segment}'.`);
  });
  app.onError((error, c) => {
    console.error("[emulator graph]", error);
    return graphError(c, 500, "InternalServerError", "An internal server error occurred (emulator).");
  });
  // The core mounts plain Hono apps; the typed variables stay internal to this service.
  return { app: app as unknown as Hono };
}
