import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, describe, expect, it } from "vitest";
import { migratedPgliteDir } from "../../scripts/db/testing";
import { PrismaClient } from "../generated/prisma/client";
import { openPglite } from "./open-pglite";
import { acquirePgliteLock, DatabaseLockedError } from "./pglite-lock";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "teams-connect-lock-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs lock-probe.fixture.ts in a separate Node process on `dataDir`. */
function probe(dataDir: string): Promise<{ code: number | null; out: string; ms: number }> {
  const child = spawn("npx", ["tsx", "--conditions=react-server", "lib/db/lock-probe.fixture.ts"], {
    env: { ...process.env, DATABASE_URL: `pglite:${dataDir}`, NODE_ENV: "test" },
  });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  return new Promise((resolve) =>
    child.on("close", (code) => resolve({ code, out, ms: Number(/ms=(\d+)/.exec(out)?.[1]) })),
  );
}

describe("PGlite directory lock", () => {
  it("refuses a live holder, takes over a stale one, and is released", () => {
    const dir = tempDir();
    const lockFile = path.join(dir, "teams-connect.lock");
    // A PID that is certainly dead: a process that already exited.
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid;
    writeFileSync(lockFile, JSON.stringify({ pid: deadPid, startTime: null }));
    const release = acquirePgliteLock(dir, "data");
    expect(() => acquirePgliteLock(dir, "data")).toThrow(/already open in this process/);
    release();
    expect(existsSync(lockFile)).toBe(false);

    // PID 1 is always alive: the lock must be refused with the actionable message.
    writeFileSync(lockFile, JSON.stringify({ pid: 1, startTime: null }));
    expect(() => acquirePgliteLock(dir, ".data/pglite")).toThrow(DatabaseLockedError);
    expect(() => acquirePgliteLock(dir, ".data/pglite")).toThrow(
      "The embedded database at .data/pglite is already open in process 1 (npm run dev?). Stop it, or use PostgreSQL (DATABASE_URL=postgres://…).",
    );
  });

  it("a second process on the same data dir fails fast and loses nothing", async () => {
    const { dataDir, cleanup } = await migratedPgliteDir();
    dirs.push(dataDir);
    // Process A (this one) opens the database and writes a row.
    const a = openPglite(dataDir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(a.pglite) });
    try {
      await prisma.user.create({ data: { email: "row-of-a@example.com", name: "A" } });
      // Process B: the app's lib/db.ts on the same directory.
      const b = await probe(dataDir);
      expect(b.code).toBe(1);
      expect(b.out).toContain(`is already open in process ${process.pid} (npm run dev?)`);
      expect(b.ms).toBeLessThan(1_000); // refused before opening PGlite (an open takes seconds)
      expect(await prisma.user.findUnique({ where: { email: "row-of-a@example.com" } })).toMatchObject({ name: "A" });
    } finally {
      await prisma.$disconnect();
      await a.close();
    }
    // Once A has closed, B opens the same directory and sees A's row.
    const after = await probe(dataDir);
    expect(after.out).toContain("count=1");
    cleanup();
  }, 120_000); // two tsx child processes; slow on a loaded 2-core machine
});
