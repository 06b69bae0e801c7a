/**
 * Child process for pglite-lock.test.ts: opens DATABASE_URL through lib/db.ts like the
 * app does and counts users. Prints the count, or the error message and exits 1, then
 * how long the database call took (the lock must refuse at once, not after a PGlite open).
 */
import { closeDb, db } from "../db";

const started = performance.now();
process.on("exit", () => console.log(`ms=${Math.round(performance.now() - started)}`));

async function main(): Promise<void> {
  console.log(`count=${await db.user.count()}`);
  await closeDb();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
