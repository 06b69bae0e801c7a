import type { Server } from "node:http";
import type { Hono } from "hono";
import type { EmulatorConfig } from "./config";
import type { Control } from "./control";
import type { Store } from "./store";

/** What every emulated service is built from. */
export interface EmulatorContext {
  config: EmulatorConfig;
  store: Store;
  control: Control;
  /**
   * The control API (`/_emulator/...` on the Nango origin, loopback only). Services add
   * their own test controls here, e.g. `POST /_emulator/graph/throttling`.
   */
  controlApi: Hono;
  /** Registers work to redo after `POST /_emulator/reset` (e.g. clearing in-memory caches). */
  onReset: (hook: () => void) => void;
}

/** One origin of the emulator: its routes, plus an optional hook for WebSocket upgrades. */
export interface EmulatedService {
  app: Hono;
  attach?: (server: Server) => void;
}
