/**
 * One connection to the configured database for scripts: a migration-aware driver
 * adapter factory for the WASM schema engine plus a Prisma client on the same database.
 * PGlite is opened once, under the directory lock; its shadow database (used to author
 * migrations) is a fresh in-memory PGlite per connection.
 */
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describeTarget, type DatabaseTarget } from "../../lib/db/database-url";
import { openPglite } from "../../lib/db/open-pglite";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { wrapForMigrations } from "./migration-adapter";

export type MigrationConnection = {
  /** For the schema engine. */
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** A Prisma client on the same connection (seed, checks), created on first call. */
  prisma: () => PrismaClient;
  close: () => Promise<void>;
};

/** Memoises the Prisma client and disconnects it before the connection closes. */
function withPrisma(
  factory: SqlMigrationAwareDriverAdapterFactory,
  adapter: SqlDriverAdapterFactory,
  close: () => Promise<void>,
): MigrationConnection {
  let client: PrismaClient | undefined;
  return {
    factory,
    prisma: () => (client ??= new PrismaClient({ adapter })),
    close: async () => {
      await client?.$disconnect();
      await close();
    },
  };
}

/** Awaited `exec`, unlike pglite-prisma-adapter 0.7.2's executeScript. */
const execOn = (pglite: PGlite) => async (script: string) => {
  await pglite.exec(script);
};

/** Factory over an already open PGlite (e.g. in-memory for authoring migrations). */
export function pgliteFactory(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: async () => wrapForMigrations(await new PrismaPGlite(pglite).connect(), { runScript: execOn(pglite) }),
    connectToShadowDb: async () => {
      const shadow = new PGlite();
      return wrapForMigrations(await new PrismaPGlite(shadow).connect(), {
        runScript: execOn(shadow),
        onDispose: () => shadow.close(),
      });
    },
  };
}

export async function connectForMigrations(target: DatabaseTarget): Promise<MigrationConnection> {
  if (target.kind === "pglite") {
    const { pglite, close } = openPglite(target.dataDir, describeTarget(target));
    return withPrisma(pgliteFactory(pglite), new PrismaPGlite(pglite), close);
  }
  // One pool for the engine, its scripts and the Prisma client; ending it also releases
  // Prisma's session advisory lock (the engine never disposes its adapters, and the next
  // deploy would wait 10 s for that lock). adapter-pg's own executeScript splits the
  // script on ";" and runs the pieces one by one (not atomic, breaks on ";" in strings):
  // one simple-protocol query instead runs it as one implicit transaction, as the
  // native engine does.
  const pool = new pg.Pool({ connectionString: target.url, max: 4 });
  const runScript = async (script: string) => {
    await pool.query(script);
  };
  const pgFactory = new PrismaPg(pool);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: pgFactory.adapterName,
    connect: async () => wrapForMigrations(await pgFactory.connect(), { runScript }),
    // Not used: migrations are authored on PGlite (create-migration.ts).
    connectToShadowDb: () => Promise.reject(new Error("Author migrations with npm run db:migration (PGlite).")),
  };
  return withPrisma(factory, pgFactory, () => pool.end());
}
