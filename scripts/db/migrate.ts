/**
 * Migration commands for both databases, through the WASM schema engine (no download):
 *   tsx scripts/db/migrate.ts deploy              apply pending migrations (npm run db:migrate)
 *   tsx scripts/db/migrate.ts dev --name <name>   author a migration from the schema diff
 *   tsx scripts/db/migrate.ts reset [--force]     empty the database and re-apply all
 * The target is DATABASE_URL (lib/env.ts). Exits explicitly: the engine and PGlite leave
 * 10 s timers behind that would otherwise keep the process alive.
 */
import { parseArgs } from "node:util";
import { env } from "../../lib/env";
import { describeTarget, parseDatabaseUrl } from "../../lib/db/database-url";
import { createMigration } from "./create-migration";
import { deployMigrations } from "./deploy";
import { resetDatabase } from "./reset";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, force: { type: "boolean", default: false } },
});
const command = positionals[0];
const target = parseDatabaseUrl(env.DATABASE_URL);
const started = performance.now();
const elapsed = () => `${Math.round(performance.now() - started)} ms`;

async function main(): Promise<void> {
  if (command === "deploy") {
    const applied = await deployMigrations(target);
    console.log(
      `${describeTarget(target)}: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"} (${elapsed()})`,
    );
  } else if (command === "dev") {
    if (!values.name) throw new Error("Usage: migrate.ts dev --name <snake_case_name>");
    const dir = await createMigration(values.name);
    console.log(
      dir
        ? `Created ${dir}/migration.sql; review it, then npm run db:migrate`
        : "No schema changes: nothing to migrate.",
    );
  } else if (command === "reset") {
    const applied = await resetDatabase(target, { force: values.force });
    console.log(`${describeTarget(target)}: reset, applied ${applied.join(", ") || "nothing"} (${elapsed()})`);
  } else {
    throw new Error("Usage: migrate.ts deploy | dev --name <name> | reset [--force]");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
