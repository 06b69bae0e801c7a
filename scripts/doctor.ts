/**
 * `npm run doctor`: checks the configuration (the environment, as the app reads it)
 * against the live services and prints a checklist with a fix for every problem.
 * Exits 1 when any check fails (warnings don't). The checks live in scripts/doctor/.
 */
import { env } from "../lib/env";
import { hasFailures, runDoctor } from "./doctor/run-doctor";
import type { CheckStatus } from "./doctor/types";

const MARK: Record<CheckStatus, string> = { pass: "✔", fail: "✖", warn: "!", skip: "–" };

async function main(): Promise<number> {
  console.log(
    `Teams Connect doctor: checking the configuration against Nango (${env.NANGO_HOST}), Microsoft and the database\n`,
  );
  const results = await runDoctor(env);
  for (const result of results) {
    console.log(`${MARK[result.status]} ${result.title}: ${result.detail}`);
    if (result.fix) console.log(`    fix: ${result.fix}`);
  }
  const failed = results.filter((r) => r.status === "fail").length;
  const warned = results.filter((r) => r.status === "warn").length;
  console.log(
    `\n${failed ? `✖ ${failed} problem(s)` : "✔ all checks passed"}${warned ? `, ${warned} warning(s)` : ""}`,
  );
  return hasFailures(results) ? 1 : 0;
}

main().then(
  (code) => process.exit(code), // PGlite and the schema engine leave timers behind
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
