import "server-only";
import { closeDb } from "@/lib/db";
import { logger } from "@/lib/logger";

/** Past this, in-flight requests are abandoned (keep it under the orchestrator's grace period, usually 30 s). */
const SHUTDOWN_TIMEOUT_MS = 25_000;
const installed = globalThis as typeof globalThis & { __teamsConnectShutdown?: boolean };

/**
 * Graceful shutdown on SIGTERM/SIGINT. Next's server already handles the signal: it stops
 * accepting connections, waits for in-flight requests, then calls `process.exit()`. It
 * offers no hook for that last step, so we wrap `process.exit` once the signal arrives
 * and close the database first (Postgres pool; PGlite must be closed cleanly to checkpoint
 * and release its directory lock). A deadline bounds the whole shutdown.
 */
export function installGracefulShutdown(): void {
  if (installed.__teamsConnectShutdown) return;
  installed.__teamsConnectShutdown = true;
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info("shutdown requested: draining in-flight requests", { signal });
    const exit = process.exit.bind(process);
    setTimeout(() => {
      logger.error("shutdown timed out; exiting with requests still in flight", { timeoutMs: SHUTDOWN_TIMEOUT_MS });
      exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    let closing = false;
    process.exit = ((code?: number) => {
      if (closing) return undefined as never;
      closing = true;
      closeDb()
        .then(() => logger.info("shutdown complete", { code: code ?? 0 }))
        .catch((error: unknown) => logger.error("closing the database failed during shutdown", { error }))
        .finally(() => exit(code));
      return undefined as never;
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
