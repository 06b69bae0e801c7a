/**
 * The two databases the app runs on, from `DATABASE_URL` (validated in lib/env.ts):
 * `pglite:<dir>` = embedded PGlite in a data directory relative to the project root
 * (the process's cwd: npm scripts, next and vitest all run there), or a PostgreSQL URL.
 */
import path from "node:path";

export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length);
    if (!dir) throw new Error("DATABASE_URL=pglite: needs a directory, e.g. pglite:.data/pglite");
    return { kind: "pglite", dataDir: path.resolve(cwd, dir) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  throw new Error("DATABASE_URL must start with pglite:, postgres:// or postgresql://");
}

/** A short label for messages: the data dir relative to cwd, or the URL without password. */
export function describeTarget(target: DatabaseTarget, cwd = process.cwd()): string {
  if (target.kind === "pglite") return path.relative(cwd, target.dataDir) || ".";
  const u = new URL(target.url);
  u.password = "";
  return u.toString();
}
