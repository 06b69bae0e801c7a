#!/usr/bin/env node
/**
 * `npm test`: lint, formatting (Prettier), type-check, unit tests, production build, then the Playwright suite
 * in real Chromium against the emulator — on the embedded database, or on PostgreSQL
 * when TEST_DATABASE_URL is set. Stops at the first failing step.
 */
import { ensureDeps } from "./lib/ensure-deps.mjs";

ensureDeps();
const { bin, runToEnd } = await import("./lib/processes.mjs");

const steps = [
  ["lint", bin("eslint"), ["."]],
  ["formatting", bin("prettier"), ["--check", "."]],
  ["type-check", bin("tsc"), ["--noEmit"]],
  ["unit tests", bin("vitest"), ["run"]],
  ["production build", bin("next"), ["build"]],
  ["end-to-end tests", bin("playwright"), ["test"]],
];
const only = process.argv.slice(2);
const env = { NEXT_TELEMETRY_DISABLED: "1" };

for (const [name, command, args] of steps) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}${process.env.TEST_DATABASE_URL ? " (PostgreSQL)" : ""}`);
  try {
    await runToEnd(command, args, { env });
  } catch (error) {
    console.error(`\n✖ ${name} failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${Math.round((Date.now() - started) / 1000)} s)`);
}
