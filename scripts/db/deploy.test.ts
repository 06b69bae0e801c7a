import fs, { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Each case opens a WASM Postgres and the WASM schema engine: slow on a loaded 2-core machine.
vi.setConfig({ testTimeout: 90_000 });
import type { DatabaseTarget } from "../../lib/db/database-url";
import { connectForMigrations } from "./connect";
import { deployMigrations } from "./deploy";
import { MIGRATIONS_DIR } from "./migrations-list";
import { freshPostgresUrl, migratedPgliteDir, TEST_DATABASE_URL } from "./testing";

/** The real migrations plus one that fails half-way (several statements, second fails). */
let badMigrations: string;
beforeAll(() => {
  badMigrations = mkdtempSync(path.join(tmpdir(), "teams-connect-bad-migrations-"));
  cpSync(MIGRATIONS_DIR, badMigrations, { recursive: true });
  mkdirSync(path.join(badMigrations, "29990101000000_broken"));
  writeFileSync(
    path.join(badMigrations, "29990101000000_broken", "migration.sql"),
    'CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "does_not_exist";\n',
  );
});
afterAll(() => rmSync(badMigrations, { recursive: true, force: true }));

async function query<T>(target: DatabaseTarget, sql: string): Promise<T[]> {
  const connection = await connectForMigrations(target);
  try {
    return await connection.prisma().$queryRawUnsafe<T[]>(sql);
  } finally {
    await connection.close();
  }
}

function deployCases(name: string, makeTarget: () => Promise<{ target: DatabaseTarget; cleanup: () => unknown }>) {
  describe(name, () => {
    let target: DatabaseTarget;
    let cleanup: () => unknown;
    beforeAll(async () => {
      ({ target, cleanup } = await makeTarget());
    });
    afterAll(() => cleanup?.());

    it("applies every migration once and records it like the Prisma CLI", async () => {
      await deployMigrations(target); // a no-op on the pre-migrated PGlite template
      expect(await deployMigrations(target)).toEqual([]);
      const rows = await query<{ migration_name: string; finished_at: Date | null; applied_steps_count: number }>(
        target,
        'SELECT migration_name, finished_at, applied_steps_count FROM "_prisma_migrations"',
      );
      // Every migration directory in the repository, in order, each applied exactly once.
      const expected = fs
        .readdirSync(MIGRATIONS_DIR)
        .filter((name) => fs.statSync(path.join(MIGRATIONS_DIR, name)).isDirectory())
        .sort();
      expect(rows.map((r) => r.migration_name).sort()).toEqual(expected);
      expect(expected[0]).toMatch(/_init$/);
      for (const row of rows) {
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
    });

    it("fails loudly on a broken migration, records it as failed, rolls its statements back", async () => {
      await expect(deployMigrations(target, badMigrations)).rejects.toThrow(/does_not_exist/);
      const [row] = await query<{ finished_at: Date | null; logs: string | null }>(
        target,
        `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
      );
      expect(row?.finished_at).toBeNull();
      expect(row?.logs).toBeTruthy();
      const [half] = await query<{ exists: boolean }>(target, `SELECT to_regclass('"Half"') IS NOT NULL AS "exists"`);
      expect(half?.exists).toBe(false);
      // Like `prisma migrate deploy`: a failed migration blocks further deploys (P3009).
      await expect(deployMigrations(target, badMigrations)).rejects.toThrow(/failed migrations/i);
    });
  });
}

deployCases("deploy on PGlite", async () => {
  const { dataDir, cleanup } = await migratedPgliteDir();
  return { target: { kind: "pglite", dataDir }, cleanup };
});

describe.skipIf(!TEST_DATABASE_URL)("with TEST_DATABASE_URL", () => {
  deployCases("deploy on PostgreSQL", async () => {
    const { url, cleanup } = await freshPostgresUrl();
    return { target: { kind: "postgres", url }, cleanup };
  });
});
