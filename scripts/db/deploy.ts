/**
 * `prisma migrate deploy` through the WASM schema engine: applies the migrations not yet
 * in `_prisma_migrations` and records them in that table exactly like the CLI does (it is
 * the same engine code), so the stock CLI on a connected machine agrees with it.
 * Idempotent; a failing migration rejects and is recorded as failed, like the CLI.
 */
import { describeTarget, type DatabaseTarget } from "../../lib/db/database-url";
import { connectForMigrations, type MigrationConnection } from "./connect";
import { loadMigrationsList, MIGRATIONS_DIR, NO_FILTER } from "./migrations-list";
import { createSchemaEngine, messageOf } from "./schema-engine";

/** Applies pending migrations on an open connection; returns the names applied. */
export async function applyMigrations(
  connection: MigrationConnection,
  migrationsDir = MIGRATIONS_DIR,
): Promise<string[]> {
  const { engine, explain } = await createSchemaEngine(connection.factory);
  try {
    const out = await engine.applyMigrations({ migrationsList: loadMigrationsList(migrationsDir), filters: NO_FILTER });
    return out.appliedMigrationNames;
  } catch (error) {
    throw new Error(`Migration failed: ${explain(error)}`, { cause: error });
  } finally {
    engine.free();
  }
}

/** Opens `target` (taking the PGlite lock), applies pending migrations, closes. */
export async function deployMigrations(target: DatabaseTarget, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const connection = await connectForMigrations(target);
  try {
    return await applyMigrations(connection, migrationsDir);
  } catch (error) {
    throw new Error(`${describeTarget(target)}: ${messageOf(error)}`, { cause: error });
  } finally {
    await connection.close();
  }
}
