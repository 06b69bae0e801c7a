/**
 * Opens a file-backed PGlite under the directory lock (lib/db/pglite-lock.ts).
 * Shared by the app's client (lib/db.ts) and the migrate/seed scripts, so every process
 * that touches the directory goes through the same lock.
 */
import { PGlite } from "@electric-sql/pglite";
import { acquirePgliteLock } from "./pglite-lock";

export type OpenedPglite = { pglite: PGlite; close: () => Promise<void> };

/**
 * Takes the lock (throws at once if another process holds it), then starts PGlite.
 * Synchronous so lib/db.ts can create its client lazily without an await: PGlite queues
 * queries until it is ready. `close` closes PGlite and releases the lock.
 */
export function openPglite(dataDir: string, label?: string): OpenedPglite {
  const release = acquirePgliteLock(dataDir, label);
  let pglite: PGlite;
  try {
    pglite = new PGlite(dataDir);
  } catch (error) {
    release();
    throw error;
  }
  return {
    pglite,
    close: async () => {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}
