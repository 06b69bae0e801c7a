#!/usr/bin/env node
/**
 * `npm start`: the production start command, after `npm run build`.
 * 1. applies pending migrations (scripts/db/deploy-migrate.ts; never seeds a real
 *    deployment) unless `--skip-migrate` (migrations run by a release job instead);
 * 2. completes the standalone output (static assets) and runs its server.js in this
 *    process, so SIGTERM reaches Next directly: it stops accepting connections, finishes
 *    in-flight requests, and lib/shutdown.ts closes the database before the exit.
 * Configuration comes from the environment only (see .env.example); PORT (default 3000)
 * and LISTEN_HOST (default 0.0.0.0) choose where to listen.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { prepareStandalone } from "./standalone-assets.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const server = prepareStandalone(root);

// server.js changes into .next/standalone: a relative embedded-database path must keep
// pointing where the migrations (run from the project root) put it.
const databaseUrl = process.env.DATABASE_URL || "pglite:.data/pglite";
if (databaseUrl.startsWith("pglite:"))
  process.env.DATABASE_URL = `pglite:${path.resolve(root, databaseUrl.slice("pglite:".length))}`;
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// Next's standalone server binds to HOSTNAME, which containers set to their own name.
process.env.HOSTNAME = process.env.LISTEN_HOST || "0.0.0.0";

if (!process.argv.includes("--skip-migrate")) {
  const migrate = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/db/deploy-migrate.ts"],
    {
      stdio: "inherit",
      env: process.env,
    },
  );
  if (migrate.status !== 0) {
    console.error("start: migrations failed; not starting the server");
    process.exit(migrate.status ?? 1);
  }
}
await import(pathToFileURL(server).href);
