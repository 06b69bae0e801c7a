/**
 * Test helpers for the database layer (imported by *.test.ts only).
 * - `migratedPgliteDir()`: a PGlite data directory with every migration applied, copied
 *   from a template built once per migrations checksum (a fresh initdb + deploy costs
 *   ~7–10 s; a copy ~50 ms). Built in a temp dir and renamed into place, so parallel
 *   test workers never see a half-built template.
 * - `freshPostgresUrl()`: an empty database next to TEST_DATABASE_URL, dropped by the
 *   returned cleanup; tests using it are skipped when TEST_DATABASE_URL is unset.
 */
import { createHash, randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { deployMigrations } from "./deploy";
import { loadMigrationsList, MIGRATIONS_DIR } from "./migrations-list";

// Tests may read process.env directly: they configure the environment under test.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

function migrationsHash(): string {
  const hash = createHash("sha256").update(readFileSync(pgliteVersionFile()));
  for (const dir of loadMigrationsList(MIGRATIONS_DIR).migrationDirectories) {
    hash.update(dir.path).update(String(dir.migrationFile.content.value));
  }
  return hash.digest("hex").slice(0, 16);
}

/** PGlite's data format depends on its version: part of the template key. */
function pgliteVersionFile(): string {
  return path.resolve(import.meta.dirname, "../../node_modules/@electric-sql/pglite/package.json");
}

export async function migratedPgliteDir(): Promise<{ dataDir: string; cleanup: () => void }> {
  const template = path.join(tmpdir(), `teams-connect-pglite-${migrationsHash()}`);
  if (!existsSync(template)) {
    const building = mkdtempSync(path.join(tmpdir(), "teams-connect-pglite-build-"));
    await deployMigrations({ kind: "pglite", dataDir: building });
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another worker won the race
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "teams-connect-pglite-test-"));
  cpSync(template, dataDir, { recursive: true });
  return { dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export async function freshPostgresUrl(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `teams_connect_test_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
