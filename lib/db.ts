/**
 * The app's one Prisma client, on the database named by DATABASE_URL:
 * `pglite:<dir>` → embedded PGlite (file-backed, under the directory lock), or
 * `postgres://…` → PostgreSQL through @prisma/adapter-pg.
 *
 * Use `db` (a lazy proxy: `db.user.findMany()`) or `getDb()`. Nothing opens at import
 * time: the client is created on first use, so `next build` and modules that merely
 * import this file never touch the database. It is cached on globalThis (not only in
 * development) because PGlite allows one open per process: dev reloads and Next's
 * separate module graphs (route handlers, RSC) must all share the same instance.
 */
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "./env";
import { describeTarget, parseDatabaseUrl } from "./db/database-url";
import { openPglite } from "./db/open-pglite";
import { PrismaClient } from "./generated/prisma/client";

type Cached = { client: PrismaClient; close: () => Promise<void> };
const cache = globalThis as typeof globalThis & { __teamsConnectDb?: Cached };

function create(): Cached {
  // Set by Next itself, not configuration. Prerendering runs in several workers at once:
  // each would open the embedded database (corrupting it) or hit the database at build.
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error(
      "The database was used during `next build`. Mark the page dynamic (e.g. call `connection()` or read cookies) instead of querying while prerendering.",
    );
  }
  const target = parseDatabaseUrl(env.DATABASE_URL);
  if (target.kind === "postgres") {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    return { client, close: () => client.$disconnect() };
  }
  const { pglite, close } = openPglite(target.dataDir, describeTarget(target));
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    client,
    close: async () => {
      await client.$disconnect();
      await close();
    },
  };
}

/** The shared client, created on first call. */
export function getDb(): PrismaClient {
  cache.__teamsConnectDb ??= create();
  return cache.__teamsConnectDb.client;
}

/** Closes the client (and the embedded database and its lock); the next use reopens. */
export async function closeDb(): Promise<void> {
  const cached = cache.__teamsConnectDb;
  cache.__teamsConnectDb = undefined;
  await cached?.close();
}

/** `getDb()` behind a property access, so callers can write `db.user.findUnique(…)`. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
