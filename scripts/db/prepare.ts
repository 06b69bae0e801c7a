/**
 * Bootstrap before the app starts (`npm run db:prepare`, called by dev/start/tests):
 * apply pending migrations, then seed the demo accounts only if there are no users yet
 * (never overwrites a real deployment's accounts). One open of the database for both;
 * on an up-to-date database the schema engine is skipped entirely (is-up-to-date.ts).
 */
import { pathToFileURL } from "node:url";
import { env } from "../../lib/env";
import { describeTarget, parseDatabaseUrl, type DatabaseTarget } from "../../lib/db/database-url";
import { connectForMigrations } from "./connect";
import { applyMigrations } from "./deploy";
import { messageOf } from "./schema-engine";
import { isUpToDate } from "./is-up-to-date";
import { MIGRATIONS_DIR } from "./migrations-list";
import { seedDemoAccounts } from "./seed";

export type PrepareResult = { applied: string[]; seeded: boolean };

export async function prepareDatabase(
  target: DatabaseTarget,
  migrationsDir = MIGRATIONS_DIR,
  { seed = true }: { seed?: boolean } = {},
): Promise<PrepareResult> {
  const connection = await connectForMigrations(target);
  try {
    const prisma = connection.prisma();
    const applied = (await isUpToDate(prisma, migrationsDir)) ? [] : await applyMigrations(connection, migrationsDir);
    const seeded = seed && (await prisma.user.count()) === 0;
    if (seeded) await seedDemoAccounts(prisma);
    return { applied, seeded };
  } catch (error) {
    throw new Error(`${describeTarget(target)}: ${messageOf(error)}`, { cause: error });
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = performance.now();
  const target = parseDatabaseUrl(env.DATABASE_URL);
  prepareDatabase(target).then(
    ({ applied, seeded }) => {
      const steps = [
        applied.length ? `applied ${applied.join(", ")}` : "migrations up to date",
        seeded ? "seeded demo accounts" : "",
      ];
      console.log(
        `${describeTarget(target)}: ${steps.filter(Boolean).join("; ")} (${Math.round(performance.now() - started)} ms)`,
      );
      process.exit(0); // the engine and PGlite leave 10 s timers behind
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
