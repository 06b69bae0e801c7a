import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Each case opens a WASM Postgres and the WASM schema engine: slow on a loaded 2-core machine.
vi.setConfig({ testTimeout: 90_000 });
import type { DatabaseTarget } from "../../lib/db/database-url";
import { DEMO_ACCOUNTS, DEMO_ADMIN } from "../../lib/demo-accounts";
import { connectForMigrations } from "./connect";
import { prepareDatabase } from "./prepare";
import { seedDatabase } from "./seed";
import { freshPostgresUrl, migratedPgliteDir, TEST_DATABASE_URL } from "./testing";

async function users(target: DatabaseTarget) {
  const connection = await connectForMigrations(target);
  try {
    return await connection.prisma().user.findMany({ orderBy: { email: "asc" } });
  } finally {
    await connection.close();
  }
}

function seedCases(name: string, makeTarget: () => Promise<{ target: DatabaseTarget; cleanup: () => unknown }>) {
  describe(name, () => {
    let target: DatabaseTarget;
    let cleanup: () => unknown;
    beforeAll(async () => {
      ({ target, cleanup } = await makeTarget());
    });
    afterAll(() => cleanup?.());

    it("prepare migrates, seeds an empty database once, then only checks", async () => {
      const first = await prepareDatabase(target);
      expect(first.seeded).toBe(true);
      const second = await prepareDatabase(target);
      expect(second).toEqual({ applied: [], seeded: false });
      expect((await users(target)).map((u) => u.email)).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    });

    it("seed is idempotent and restores the demo passwords", async () => {
      await seedDatabase(target);
      await seedDatabase(target);
      const rows = await users(target);
      expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
      const admin = rows.find((u) => u.email === DEMO_ADMIN.email);
      expect(admin).toMatchObject({ name: "Ada Admin", role: "admin", locked: false });
      expect(await bcrypt.compare(DEMO_ADMIN.password, admin?.passwordHash ?? "")).toBe(true);
      expect(admin?.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    });
  });
}

seedCases("seed on PGlite", async () => {
  const { dataDir, cleanup } = await migratedPgliteDir();
  return { target: { kind: "pglite", dataDir }, cleanup };
});

describe.skipIf(!TEST_DATABASE_URL)("with TEST_DATABASE_URL", () => {
  seedCases("seed on PostgreSQL", async () => {
    const { url, cleanup } = await freshPostgresUrl();
    return { target: { kind: "postgres", url }, cleanup };
  });
});
