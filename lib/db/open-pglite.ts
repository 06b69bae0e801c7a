/**
 * Opens a file-backed PGlite under the directory lock (lib/db/pglite-lock.ts).
 * Shared by the app's client (lib/db.ts) and the migrate/seed scripts, so every process
 * that touches the directory goes through the same lock.
 */
import { PGlite } from "@electric-sql/pglite";
import { acquirePgliteLock } from "./pglite-lock";

export type OpenedPglite = { pglite: PGlite; close: () => Promise<void> };

/** Takes the lock, then opens; `close` closes PGlite and releases the lock. */
export async function openPglite(dataDir: string, label?: string): Promise<OpenedPglite> {
  const release = acquirePgliteLock(dataDir, label);
  try {
    const pglite = new PGlite(dataDir);
    await pglite.waitReady;
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
  } catch (error) {
    release();
    throw error;
  }
}
