/**
 * Reads `prisma/migrations` the way the Prisma CLI hands it to the schema engine:
 * every `<name>/migration.sql` in name order, plus `migration_lock.toml`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
export const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

const readResult = (file: string) =>
  existsSync(file)
    ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
    : { tag: "error" as const, value: `${file} not found` };

export function loadMigrationsList(baseDir = MIGRATIONS_DIR) {
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockfile = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockfile) ? readFileSync(lockfile, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: readResult(path.join(baseDir, name, "migration.sql")) },
    })),
  };
}

/** No tables or enums are managed outside Prisma. */
export const NO_FILTER = { externalTables: [], externalEnums: [] };
