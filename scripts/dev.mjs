#!/usr/bin/env node
/**
 * `npm run dev`: the whole product on this machine with no accounts or keys —
 * installs dependencies if needed, migrates and seeds the embedded database, then runs
 * the emulator (Nango + Microsoft stand-ins) and the Next.js dev server together.
 * Set NANGO_HOST etc. in the environment to use real services instead (see README);
 * the emulator is then not started.
 */
import { ensureDeps } from "./lib/ensure-deps.mjs";

ensureDeps();

const { assertPortsFree, bin, run, runToEnd, tsNode, waitForUrl, stopAll } = await import("./lib/processes.mjs");
const { stackEnv } = await import("./lib/stack-env.mjs");

const appPort = Number(process.env.PORT || 3000);
const env = {
  ...stackEnv({
    appPort,
    emulatorBasePort: Number(process.env.EMULATOR_BASE_PORT || 4010),
    databaseUrl: process.env.DATABASE_URL || "pglite:.data/pglite",
  }),
  // Anything set in the caller's environment wins over the offline defaults.
  ...Object.fromEntries(
    ["APP_URL", "NANGO_HOST", "NANGO_CONNECT_UI_URL", "MICROSOFT_LOGIN_URL"]
      .filter((k) => process.env[k])
      .map((k) => [k, process.env[k]]),
  ),
};
const useEmulator = !process.env.NANGO_HOST;

const emulatorBase = Number(env.EMULATOR_BASE_PORT);
await assertPortsFree([
  appPort,
  ...(useEmulator ? [emulatorBase, emulatorBase + 1, emulatorBase + 2, emulatorBase + 3] : []),
]);
await runToEnd(...tsNode("scripts/db/prepare.ts", [], { reactServer: true }), { env });

const children = [];
if (useEmulator) {
  const emulator = run("emulator", ...tsNode("emulator/main.ts"), { env });
  children.push(emulator);
  await waitForUrl(`${env.NANGO_HOST}/_emulator/counters`, { child: emulator, timeoutMs: 30_000 });
}
const next = run("next", bin("next"), ["dev", "--port", String(appPort)], { env });
children.push(next);
await waitForUrl(`${env.APP_URL}/signin`, { child: next, timeoutMs: 180_000 });
console.log(
  `\n  Teams Connect is running at ${env.APP_URL}\n  Sign in as megan@example.com / megan-password (or admin@example.com / admin-password)\n`,
);

const first = await Promise.race(children.map((child) => child.exited));
console.error(`a process exited (${JSON.stringify(first)}); stopping`);
stopAll();
process.exit(1);
