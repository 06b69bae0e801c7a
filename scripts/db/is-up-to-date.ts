/**
 * Fast check before starting the app: are all migrations on disk recorded as applied,
 * with the same checksum? Then the schema engine (WASM compile + history diagnosis,
 * ~0.5 s) is skipped. Anything else (new, edited or failed migration) returns false
 * and the engine decides, with its full diagnostics.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { loadMigrationsList, MIGRATIONS_DIR } from "./migrations-list";

type Applied = { migration_name: string; checksum: string };

export async function isUpToDate(prisma: PrismaClient, migrationsDir = MIGRATIONS_DIR): Promise<boolean> {
  const [table] = await prisma.$queryRaw<
    { exists: boolean }[]
  >`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`;
  if (!table?.exists) return false;
  const rows = await prisma.$queryRaw<Applied[]>`
    SELECT migration_name, checksum FROM "_prisma_migrations"
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  // Prisma's checksum is the sha256 hex of the migration.sql bytes.
  return loadMigrationsList(migrationsDir).migrationDirectories.every((dir) => {
    const { content } = dir.migrationFile;
    return content.tag === "ok" && applied.get(dir.path) === createHash("sha256").update(content.value).digest("hex");
  });
}
