#!/usr/bin/env node
/**
 * The stack the Playwright suite runs against: the production build (`next start`) and
 * an in-memory emulator on their own ports, over a fresh database — embedded PGlite by
 * default, or the PostgreSQL database in TEST_DATABASE_URL (which is reset first).
 * Playwright starts this as its webServer; it expects `next build` to have run.
 */
import fs from "node:fs";
import path from "node:path";
import { assertPortsFree, bin, run, runToEnd, tsNode, waitForUrl } from "./lib/processes.mjs";
import { e2eEnv } from "./lib/e2e-env.mjs";

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("No production build found: run `npm run build` first (npm test does it for you).");
  process.exit(1);
}

const env = e2eEnv();
const emulatorBase = Number(env.EMULATOR_BASE_PORT);
await assertPortsFree([Number(env.PORT), emulatorBase, emulatorBase + 1, emulatorBase + 2, emulatorBase + 3]);
if (env.DATABASE_URL.startsWith("pglite:")) {
  fs.rmSync(env.DATABASE_URL.slice("pglite:".length), { recursive: true, force: true });
} else {
  await runToEnd(...tsNode("scripts/db/reset.ts", ["--force"], { reactServer: true }), { env });
}
await runToEnd(...tsNode("scripts/db/prepare.ts", [], { reactServer: true }), { env });

const emulator = run("emulator", ...tsNode("emulator/main.ts"), { env });
await waitForUrl(`${env.NANGO_HOST}/_emulator/counters`, { child: emulator, timeoutMs: 30_000 });
const app = run("app", bin("next"), ["start", "--port", env.PORT], { env: { ...env, NODE_ENV: "production" } });
fs.mkdirSync(path.dirname(env.E2E_APP_LOG), { recursive: true });
const appLog = fs.createWriteStream(env.E2E_APP_LOG, { flags: "w" });
app.stdout.on("data", (chunk) => appLog.write(chunk));
app.stderr.on("data", (chunk) => appLog.write(chunk));
await waitForUrl(`${env.APP_URL}/signin`, { child: app, timeoutMs: 60_000 });
console.log(`[e2e] stack ready at ${env.APP_URL}`);
await Promise.race([emulator.exited, app.exited]);
process.exit(1);
