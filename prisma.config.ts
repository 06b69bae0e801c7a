/**
 * Prisma 7 CLI configuration (the CLI no longer reads .env or the schema's datasource URL).
 *
 * Offline: every CLI command first tries to download the native schema engine and fails
 * without internet. Pointing PRISMA_SCHEMA_ENGINE_BINARY at an existing file skips the
 * download, which is enough for `generate`, `validate` and `format` (they never run it).
 * Migrations go through the WASM schema engine instead: see scripts/db/ and docs/database.md.
 * A real engine path set by the developer (connected machine) is left alone.
 */
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname, "prisma/engine-placeholder");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Only used by the stock CLI (`prisma migrate deploy` on a connected machine).
  ...(process.env.DATABASE_URL?.startsWith("postgres") ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
