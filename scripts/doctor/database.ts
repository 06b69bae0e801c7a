/**
 * Database reachable and every migration applied (the fast check `npm start` also uses).
 * Never creates anything: a missing embedded data directory is reported, not initialised.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describeTarget, parseDatabaseUrl } from "@/lib/db/database-url";
import { DatabaseLockedError } from "@/lib/db/pglite-lock";
import { connectForMigrations } from "../db/connect";
import { isUpToDate } from "../db/is-up-to-date";
import { MIGRATIONS_DIR } from "../db/migrations-list";
import { checkAdminConsent, checkAuthWebhooks } from "./consent";
import { fail, pass, skip, warn, withTimeout, type CheckResult } from "./types";

const TIMEOUT_MS = 15_000; // opening PGlite takes a few seconds on a busy machine
const MIGRATE = "run npm run deploy:migrate (npm start does it before starting the server)";

/** Also checks what the data shows (webhooks received, admin consent) when `requiredScopes` is given and the schema is current. */
export async function checkDatabase(
  databaseUrl: string,
  migrationsDir = MIGRATIONS_DIR,
  requiredScopes?: string[],
): Promise<CheckResult[]> {
  const target = parseDatabaseUrl(databaseUrl);
  const label = describeTarget(target);
  if (target.kind === "pglite" && !existsSync(path.join(target.dataDir, "PG_VERSION"))) {
    return [
      fail("Database reachable", `no embedded database at ${label}`, MIGRATE),
      skip("Database migrated", "no database"),
    ];
  }
  let connection: Awaited<ReturnType<typeof connectForMigrations>> | undefined;
  try {
    connection = await withTimeout(connectForMigrations(target), TIMEOUT_MS, label);
    const prisma = connection.prisma();
    const upToDate = await withTimeout(isUpToDate(prisma, migrationsDir), TIMEOUT_MS, label);
    const data =
      upToDate && requiredScopes
        ? await withTimeout(
            Promise.all([checkAuthWebhooks(prisma), checkAdminConsent(prisma, requiredScopes)]),
            TIMEOUT_MS,
            label,
          )
        : [];
    return [
      pass("Database reachable", label),
      upToDate
        ? pass("Database migrated", "every migration is applied")
        : fail("Database migrated", "migrations are pending or failed", MIGRATE),
      ...data,
    ];
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      return [
        warn(
          "Database reachable",
          error.message,
          "stop the app to check the embedded database, or use its /api/health",
        ),
        skip("Database migrated", "the embedded database is in use"),
      ];
    }
    const message = error instanceof Error ? error.message : String(error);
    return [
      fail(
        "Database reachable",
        `${label}: ${message}`,
        "check DATABASE_URL (postgresql://user:password@host:5432/db) and that the server accepts connections",
      ),
      skip("Database migrated", "the database is unreachable"),
    ];
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
