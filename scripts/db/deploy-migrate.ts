/**
 * `npm run deploy:migrate` (and the first step of `npm start`): apply pending migrations
 * for a deployment. Unlike `db:prepare` it seeds the demo accounts (public passwords!)
 * only for the offline demo: the embedded database AND the emulator as Nango. A real
 * deployment never gets them; its first admin comes from ADMIN_EMAILS.
 */
import { pathToFileURL } from "node:url";
import { env, isLoopbackUrl } from "../../lib/env";
import { describeTarget, parseDatabaseUrl, type DatabaseTarget } from "../../lib/db/database-url";
import { prepareDatabase } from "./prepare";

export function isOfflineDemo(target: DatabaseTarget, nangoHost: string): boolean {
  return target.kind === "pglite" && isLoopbackUrl(nangoHost);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = performance.now();
  const target = parseDatabaseUrl(env.DATABASE_URL);
  prepareDatabase(target, undefined, { seed: isOfflineDemo(target, env.NANGO_HOST) }).then(
    ({ applied, seeded }) => {
      const steps = [
        applied.length ? `applied ${applied.join(", ")}` : "migrations up to date",
        seeded ? "seeded demo accounts (offline demo)" : "",
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
