/**
 * `npm run bench [-- <scenario> ...]` (issue 7): builds the app, starts it in production
 * mode (the standalone server) with the emulator on its own ports over a fresh
 * PostgreSQL database, connects users, runs the scenarios, prints a table and writes
 * bench/results/latest.json (+ one line in history.jsonl). `--no-build` reuses the
 * current `.next`. Scenario names: dashboard, navigation, overhead, all-chats,
 * throttled, client-weight, scale-out, live-latency, send-message.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { Nango } from "@nangohq/node";
import { completeMicrosoftPopup, connectUi, startMicrosoftPopup } from "../e2e/support/connect-ui";
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_MEGAN } from "../lib/demo-accounts";
import { chromiumLaunchOptions } from "../test-support/chromium";
import type { BenchContext, Scenario, ScenarioResult } from "./lib/context";
import {
  assertFree,
  benchEnv,
  BENCH_PASSWORD,
  buildAndSnapshot,
  connectUser,
  controlClient,
  createDatabase,
  prepareDatabase,
  signIn,
  startApp,
  startEmulator,
  type BenchUser,
} from "./lib/stack";
// @ts-expect-error -- plain ESM helper shared with the other launchers
import { stopAll } from "../scripts/lib/processes.mjs";
import { allChats } from "./scenarios/all-chats";
import { clientWeight } from "./scenarios/client-weight";
import { dashboard } from "./scenarios/dashboard";
import { liveLatency } from "./scenarios/live-latency";
import { navigation } from "./scenarios/navigation";
import { overhead } from "./scenarios/overhead";
import { scaleOut } from "./scenarios/scale-out";
import { sendMessage } from "./scenarios/send-message";
import { throttled } from "./scenarios/throttled";

// Order matters: overhead leaves the app's per-tenant pacing with a backlog, so it runs after all-chats.
const SCENARIOS: Scenario[] = [
  dashboard,
  navigation,
  liveLatency,
  allChats,
  overhead,
  throttled,
  clientWeight,
  scaleOut,
  // Last: it grants Megan the write permission, which reconnects her.
  sendMessage,
];
const LOAD_USERS = 50;
const FRESH_USERS = 24;
const RESULTS = path.resolve("bench/results");

const args = process.argv.slice(2);
const skipBuild = args.includes("--no-build");
const wanted = args.filter((arg) => !arg.startsWith("--"));
const unknown = wanted.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown scenario ${unknown.join(", ")}; choose from ${SCENARIOS.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;
const needsStack = selected.some((s) => s.name !== "client-weight");
const needsLoadUsers = selected.some((s) => s.name === "overhead" || s.name === "throttled" || s.name === "scale-out");

const t0 = performance.now();
// The machine's load before anything of ours runs: other processes on these 2 cores show
// directly in every figure, so each record says how quiet the machine was.
const loadBefore = os.loadavg().map((value) => Math.round(value * 100) / 100);
const log = (message: string) =>
  console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${message}`);

async function main() {
  log(
    skipBuild
      ? "snapshotting the current build"
      : "building (shared build lock) and snapshotting the standalone server",
  );
  buildAndSnapshot({ skipBuild });
  const results: Array<{ scenario: Scenario; result?: ScenarioResult; error?: string; seconds: number }> = [];
  let browser: Browser | undefined;
  let dropDatabase = () => {};
  try {
    let ctx: BenchContext | undefined;
    if (needsStack) {
      await assertFree();
      const database = await createDatabase();
      dropDatabase = database.drop;
      const env = benchEnv(database.url);
      log(`database ${database.url}`);
      const seeded = await prepareDatabase(env, (needsLoadUsers ? LOAD_USERS : 0) + FRESH_USERS);
      await startEmulator(env);
      const app = await startApp(env);
      log(`app (standalone, NODE_ENV=production) pid ${app.pid} at ${env.APP_URL}; emulator at ${env.NANGO_HOST}`);
      const control = controlClient(env);

      browser = await chromium.launch(chromiumLaunchOptions);
      const meganContext = await browser.newContext({ baseURL: env.APP_URL });
      const meganCookie = await signIn(env.APP_URL!, DEMO_MEGAN.email, DEMO_MEGAN.password);
      await meganContext.addCookies([
        { name: meganCookie.split("=")[0]!, value: meganCookie.slice(meganCookie.indexOf("=") + 1), url: env.APP_URL! },
      ]);
      const meganPage = await meganContext.newPage();
      meganPage.setDefaultTimeout(30_000);
      // The e2e suite's steps (e2e/support/connect-ui.ts), without its expect() checks:
      // outside the test runner those time out after 5 s on a busy machine.
      await meganPage.goto("/connections");
      await meganPage.getByRole("button", { name: "Connect Microsoft Teams", exact: true }).first().click();
      const popup = await startMicrosoftPopup(meganPage, "Connect");
      await completeMicrosoftPopup(popup, DEMO_MICROSOFT_ACCOUNTS.megan);
      await connectUi(meganPage).getByRole("button", { name: "Finish" }).click();
      await waitForConnection(meganPage);
      const storageState = path.join(os.tmpdir(), `bench-megan-${process.pid}.json`);
      await meganContext.storageState({ path: storageState });
      const sessionCookie = (await meganContext.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
      await meganContext.close();
      log("Megan connected through the real Connect UI");

      const { connections } = await control<{
        connections: Array<{
          connection_id: string;
          end_user: { id: string; email: string | null } | null;
          credentials: { access_token: string };
        }>;
      }>("/nango/connections");
      const meganConnection = connections.find((c) => c.end_user?.email === DEMO_MEGAN.email) ?? connections[0]!;
      const accessToken = meganConnection.credentials.access_token;

      const users: BenchUser[] = [];
      for (const user of seeded) {
        await connectUser(env, control, user, accessToken);
        users.push({ ...user, cookie: await signIn(env.APP_URL!, user.email, BENCH_PASSWORD) });
      }
      const ids = new Map(
        (
          await control<{ connections: Array<{ connection_id: string; end_user: { id: string } | null }> }>(
            "/nango/connections",
          )
        ).connections.map((c) => [c.end_user?.id ?? "", c.connection_id]),
      );
      log(`${users.length} bench users signed in and connected (seeded Nango connections + signed webhooks)`);

      const fresh = users.slice(needsLoadUsers ? LOAD_USERS : 0);
      const integrationId = env.NANGO_INTEGRATION_ID ?? "microsoft-teams";
      ctx = {
        env,
        appUrl: env.APP_URL!,
        appPid: app.pid,
        control,
        nango: new Nango({ secretKey: env.NANGO_SECRET_KEY!, host: env.NANGO_HOST! }),
        integrationId,
        megan: {
          cookie: `${sessionCookie.name}=${sessionCookie.value}`,
          connectionId: meganConnection.connection_id,
          storageState,
        },
        freshUser: () => {
          const user = fresh.shift();
          if (!user) throw new Error("out of fresh bench users: raise FRESH_USERS");
          return user;
        },
        loadUsers: needsLoadUsers ? users.slice(0, LOAD_USERS) : [],
        connectionIdOf: (userId) => ids.get(userId) ?? "",
        browser: async () => browser!,
        log,
      };
    }
    for (const scenario of selected) {
      const started = performance.now();
      log(`▶ ${scenario.name}: ${scenario.title}`);
      try {
        const result = await scenario.run(ctx as BenchContext);
        results.push({ scenario, result, seconds: (performance.now() - started) / 1000 });
      } catch (error) {
        console.error(error);
        results.push({
          scenario,
          error: error instanceof Error ? error.message : String(error),
          seconds: (performance.now() - started) / 1000,
        });
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    stopAll("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    dropDatabase();
  }
  report(results);
}

function report(results: Array<{ scenario: Scenario; result?: ScenarioResult; error?: string; seconds: number }>) {
  const rows: string[][] = [];
  for (const { scenario, result, error } of results) {
    if (error || !result) {
      rows.push([`${scenario.name}`, "(scenario failed)", error ?? "", "ERROR"]);
      continue;
    }
    for (const goal of result.goals)
      rows.push([scenario.name, goal.goal, goal.measured, goal.pass === null ? "info" : goal.pass ? "PASS" : "FAIL"]);
  }
  const header = ["scenario", "goal", "measured", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`\n${line(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|\n${rows.map(line).join("\n")}`);
  for (const { scenario, result } of results)
    for (const note of result?.notes ?? []) console.log(`  note (${scenario.name}): ${note}`);

  const totalSeconds = Math.round((performance.now() - t0) / 1000);
  const commit = git(["rev-parse", "--short", "HEAD"]);
  const dirty = git(["status", "--porcelain", "--", "app", "lib", "components", "bench"]) !== "";
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    node: process.version,
    loadavgBefore: { "1m": loadBefore[0], "5m": loadBefore[1], "15m": loadBefore[2] },
    database: "PostgreSQL (fresh database per run)",
    app: "standalone server, NODE_ENV=production",
  };
  const latest = {
    at: new Date().toISOString(),
    commit,
    dirty,
    totalSeconds,
    machine,
    scenarios: Object.fromEntries(
      results.map(({ scenario, result, error, seconds }) => [
        scenario.name,
        { title: scenario.title, seconds: Math.round(seconds), error, ...result },
      ]),
    ),
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  const complete = selected.length === SCENARIOS.length;
  // A partial run (one scenario) prints its table but does not replace the full record.
  const latestFile = path.join(
    RESULTS,
    complete ? "latest.json" : `latest-${selected.map((s) => s.name).join("+")}.json`,
  );
  fs.writeFileSync(latestFile, `${JSON.stringify(latest, null, 2)}\n`);
  {
    // Every run, partial ones too (`scenarios` says which ran), is one line, never dropped.
    const history = path.join(RESULTS, "history.jsonl");
    const summary = {
      at: latest.at,
      commit,
      dirty,
      loadavgBefore: loadBefore,
      scenarios: complete ? "all" : selected.map((s) => s.name).join(","),
      s: totalSeconds,
      pass: rows.filter((r) => r[3] === "PASS").length,
      fail: rows.filter((r) => r[3] !== "PASS" && r[3] !== "info").length,
      ...Object.fromEntries(
        results.flatMap(({ scenario, result }) =>
          result ? [[scenario.name, result.goals.map((g) => g.measured.split(" (")[0]).join("; ")]] : [],
        ),
      ),
    };
    fs.appendFileSync(history, `${JSON.stringify(summary)}\n`);
  }
  console.log(`\n${path.relative(process.cwd(), latestFile)} written; whole bench ${totalSeconds} s`);
  process.exitCode = results.some((r) => r.error) ? 1 : 0;
}

async function waitForConnection(page: import("@playwright/test").Page) {
  for (let i = 0; i < 60; i++) {
    const { connection } = (await (await page.request.get("/api/connections")).json()) as {
      connection: { status: string } | null;
    };
    if (connection?.status === "connected") return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("Megan's Connect UI connection did not arrive");
}

function git(argv: string[]): string {
  try {
    return execFileSync("git", argv, { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

main().catch((error: unknown) => {
  console.error(error);
  stopAll("SIGTERM");
  process.exit(1);
});
