/**
 * Test helper (imported by *.test.ts only): a migrated PGlite database in a temp dir,
 * with DATABASE_URL pointing at it BEFORE lib/env.ts and lib/db.ts are first imported
 * (both read the environment at import). Import every lib module dynamically after it.
 */
export async function openTestDatabase() {
  const { migratedPgliteDir } = await import("@/scripts/db/testing");
  const { dataDir, cleanup } = await migratedPgliteDir();
  // eslint-disable-next-line no-restricted-syntax -- a test configures the environment under test
  process.env.DATABASE_URL = `pglite:${dataDir}`;
  const { db, closeDb } = await import("@/lib/db");
  return {
    db,
    close: async () => {
      await closeDb();
      cleanup();
    },
  };
}
