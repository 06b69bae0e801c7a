/**
 * `prisma migrate reset` without seeding: empties the database (all tables, types and
 * `_prisma_migrations`, via the schema engine's reset) and re-applies every migration.
 * Destroys data, so on PostgreSQL it only runs against a database whose name contains
 * "test" unless the caller passes `force` (a human said yes).
 */
import { describeTarget, type DatabaseTarget } from "../../lib/db/database-url";
import { connectForMigrations } from "./connect";
import { loadMigrationsList, MIGRATIONS_DIR, NO_FILTER } from "./migrations-list";
import { createSchemaEngine } from "./schema-engine";

export async function resetDatabase(
  target: DatabaseTarget,
  { migrationsDir = MIGRATIONS_DIR, force = false } = {},
): Promise<string[]> {
  if (target.kind === "postgres" && !force && !/test/i.test(new URL(target.url).pathname)) {
    throw new Error(
      `Refusing to reset ${describeTarget(target)}: not a test database. Pass --force to reset it anyway.`,
    );
  }
  const connection = await connectForMigrations(target);
  try {
    const { engine, explain } = await createSchemaEngine(connection.factory);
    try {
      await engine.reset({ filter: NO_FILTER });
      const out = await engine.applyMigrations({
        migrationsList: loadMigrationsList(migrationsDir),
        filters: NO_FILTER,
      });
      return out.appliedMigrationNames;
    } catch (error) {
      throw new Error(`Resetting ${describeTarget(target)} failed: ${explain(error)}`, { cause: error });
    } finally {
      engine.free();
    }
  } finally {
    await connection.close();
  }
}
