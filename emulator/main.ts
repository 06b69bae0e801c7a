/**
 * The offline stand-in for Nango and Microsoft: four loopback origins that speak the
 * real services' wire protocols, so the app, the real Nango SDKs and a real browser run
 * unchanged. `npm run emulator` runs it alone; `npm run dev` runs it beside the app.
 */
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import { Hono } from "hono";
import { loadConfig } from "./core/config";
import { Control, type ServiceName } from "./core/control";
import { createControlApi } from "./core/control-api";
import type { EmulatedService, EmulatorContext } from "./core/context";
import { Store } from "./core/store";
import { createNangoService } from "./nango/service";
import { createConnectUiService } from "./connect-ui/service";
import { createLoginService } from "./microsoft/login-service";
import { createGraphService } from "./graph/service";

export interface RunningEmulator {
  context: EmulatorContext;
  close(): Promise<void>;
}

export async function startEmulator(): Promise<RunningEmulator> {
  const started = performance.now();
  const config = loadConfig();
  const persisted = process.env.EMULATOR_STATE_FILE !== "";
  const store = new Store(persisted ? config.stateFile : null);
  const control = new Control();
  const resetHooks: Array<() => void> = [];
  const controlApi = createControlApi(control, store, () => resetHooks.forEach((hook) => hook()));
  const context: EmulatorContext = { config, store, control, controlApi, onReset: (hook) => resetHooks.push(hook) };

  const services: Array<[ServiceName, EmulatedService]> = [
    ["nango", createNangoService(context)],
    ["connectUi", await createConnectUiService(context)],
    ["login", createLoginService(context)],
    ["graph", createGraphService(context)],
  ];

  const bind = process.env.EMULATOR_BIND || "127.0.0.1";
  const servers: Server[] = [];
  for (const [name, service] of services) {
    const root = new Hono();
    root.use("*", control.middleware(name));
    if (name === "nango") root.route("/_emulator", controlApi);
    root.route("/", service.app);
    const server = await listen(root, bind, config.ports[name]);
    service.attach?.(server);
    servers.push(server);
  }

  const ms = Math.round(performance.now() - started);
  console.log(`[emulator] ready in ${ms} ms`);
  console.log(`[emulator] Nango API       ${config.origins.nango}  (control API: ${config.origins.nango}/_emulator)`);
  console.log(`[emulator] Connect UI      ${config.origins.connectUi}`);
  console.log(`[emulator] Microsoft login ${config.origins.login}`);
  console.log(`[emulator] Microsoft Graph ${config.origins.graph}/v1.0`);
  console.log(`[emulator] state file      ${persisted ? config.stateFile : "(in memory)"}`);

  return {
    context,
    async close() {
      store.flush();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

function listen(app: Hono, hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, () => resolve(server as Server)) as Server;
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`[emulator] port ${port} is in use: is another emulator running? (set EMULATOR_BASE_PORT)`)
          : error,
      );
    });
  });
}

// Run directly (`tsx emulator/main.ts`), not when imported by a test.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--reset")) process.env.EMULATOR_RESET = "1";
  startEmulator()
    .then((emulator) => {
      if (process.env.EMULATOR_RESET === "1") emulator.context.store.reset();
      const stop = () => void emulator.close().then(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
