/**
 * The doctor against the in-process emulator: a good configuration passes, and each
 * misconfiguration it detects is reported as a failure with a fix.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { EMULATOR_DEFAULTS } from "@/lib/env";
import { DEFAULT_REQUIRED_SCOPES } from "@/test-support/scopes";
import { migratedPgliteDir } from "../db/testing";
import { checkConfiguration } from "./config";
import { checkDatabase } from "./database";
import { checkProvider } from "./integration";
import { checkMicrosoftSignIn } from "./microsoft";
import { checkNango } from "./nango";
import { hasFailures, runDoctor } from "./run-doctor";
import type { CheckResult, DoctorConfig } from "./types";
import { checkWebhookSigningKey } from "./webhook";

const REQUIRED = DEFAULT_REQUIRED_SCOPES;
const CLOSED_PORT = "http://127.0.0.1:9"; // discard port: nothing listens, connection refused at once

const byTitle = (results: CheckResult[], title: string) => {
  const found = results.find((r) => r.title === title);
  if (!found) throw new Error(`no check titled ${title}: ${results.map((r) => r.title).join(", ")}`);
  return found;
};

let emulator: TestEmulator;
let database: { dataDir: string; cleanup: () => void };
let config: DoctorConfig;
const temp: string[] = [];

beforeAll(async () => {
  [emulator, database] = await Promise.all([
    startTestEmulator({ EMULATOR_INTEGRATION_SCOPES: REQUIRED.join(" ") }),
    migratedPgliteDir(),
  ]);
  config = {
    NODE_ENV: "development",
    APP_URL: CLOSED_PORT,
    AUTH_SECRET: "doctor-test-auth-secret-000000000000000000000",
    DATABASE_URL: `pglite:${database.dataDir}`,
    NANGO_HOST: emulator.origins.nango,
    NANGO_SECRET_KEY: EMULATOR_DEFAULTS.NANGO_SECRET_KEY,
    NANGO_WEBHOOK_SIGNING_KEY: EMULATOR_DEFAULTS.NANGO_WEBHOOK_SIGNING_KEY,
    NANGO_INTEGRATION_ID: "microsoft-teams",
    requiredScopes: REQUIRED,
    MICROSOFT_LOGIN_URL: emulator.origins.login,
    MICROSOFT_TENANT_ID: "organizations",
    MICROSOFT_CLIENT_ID: EMULATOR_DEFAULTS.MICROSOFT_CLIENT_ID,
    MICROSOFT_CLIENT_SECRET: EMULATOR_DEFAULTS.MICROSOFT_CLIENT_SECRET,
  };
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  database?.cleanup();
  temp.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** Runs the Nango checks against an emulator whose integration has `scopes`. */
async function nangoWithScopes(scopes: string): Promise<CheckResult[]> {
  const previous = process.env.EMULATOR_INTEGRATION_SCOPES;
  const other = await startTestEmulator({ EMULATOR_INTEGRATION_SCOPES: scopes });
  try {
    return await checkNango({ ...config, NANGO_HOST: other.origins.nango });
  } finally {
    await other.close();
    process.env.EMULATOR_INTEGRATION_SCOPES = previous;
  }
}

describe("npm run doctor", () => {
  it("passes a good configuration (the app itself not running is only a warning)", async () => {
    const results = await runDoctor(config);
    expect(results.filter((r) => r.status === "fail")).toEqual([]);
    expect(hasFailures(results)).toBe(false);
    for (const title of [
      "Nango reachable",
      "Nango secret key",
      "Integration",
      "Integration provider",
      "Integration scopes",
      "Scopes the dashboard needs",
      "Webhook signing key",
      "Database reachable",
      "Database migrated",
      "Microsoft sign-in issuer",
    ]) {
      expect(byTitle(results, title).status, title).toBe("pass");
    }
    expect(byTitle(results, "Webhook URL")).toMatchObject({
      status: "warn",
      detail: expect.stringContaining("is not answering"),
    });
  }, 60_000);

  it("a wrong secret key", async () => {
    const results = await checkNango({ ...config, NANGO_SECRET_KEY: "a1b2c3d4-0000-4000-8000-000000000000" });
    expect(byTitle(results, "Nango reachable").status).toBe("pass");
    expect(byTitle(results, "Nango secret key")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("401"),
      fix: expect.stringContaining("NANGO_SECRET_KEY"),
    });
    expect(byTitle(results, "Integration").status).toBe("skip");
  });

  it("an unknown integration, naming the ones that exist", async () => {
    const results = await checkNango({ ...config, NANGO_INTEGRATION_ID: "teams-prod" });
    expect(byTitle(results, "Integration")).toMatchObject({
      status: "fail",
      detail: 'no integration "teams-prod" (this environment has: microsoft-teams)',
      fix: expect.stringContaining("NANGO_INTEGRATION_ID"),
    });
  });

  it("scopes without offline_access", async () => {
    const results = await nangoWithScopes(REQUIRED.filter((s) => s !== "offline_access").join(","));
    expect(byTitle(results, "Integration scopes")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining('"offline_access" is missing'),
    });
  });

  it(".default mixed with explicit scopes", async () => {
    const results = await nangoWithScopes("offline_access,https://graph.microsoft.com/.default,User.Read");
    expect(byTitle(results, "Integration scopes")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining('".default" cannot be combined'),
    });
  });

  it("a scope the dashboard needs is not configured", async () => {
    const results = await nangoWithScopes(REQUIRED.filter((s) => s !== "Presence.Read").join(" "));
    expect(byTitle(results, "Integration scopes").status).toBe("pass");
    expect(byTitle(results, "Scopes the dashboard needs")).toMatchObject({
      status: "fail",
      detail: "missing from the integration: Presence.Read",
    });
  });

  it("an unreachable Nango host and Microsoft login", async () => {
    const broken = { ...config, NANGO_HOST: CLOSED_PORT, MICROSOFT_LOGIN_URL: CLOSED_PORT };
    const results = await checkNango(broken);
    expect(byTitle(results, "Nango reachable")).toMatchObject({
      status: "fail",
      fix: expect.stringContaining("NANGO_HOST"),
    });
    expect(results.filter((r) => r.status === "skip")).toHaveLength(5);
    expect(await checkMicrosoftSignIn(broken)).toMatchObject({
      status: "fail",
      fix: expect.stringContaining("MICROSOFT_LOGIN_URL"),
    });
  });

  it("an unknown Microsoft tenant", async () => {
    const result = await checkMicrosoftSignIn({ ...config, MICROSOFT_TENANT_ID: "nosuchtenant.example" });
    expect(result).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("AADSTS90002"),
      fix: expect.stringContaining("MICROSOFT_TENANT_ID"),
    });
  });

  it("a missing webhook signing key, or the emulator's against real Nango", () => {
    expect(checkWebhookSigningKey({ ...config, NANGO_WEBHOOK_SIGNING_KEY: "" }).status).toBe("fail");
    expect(checkWebhookSigningKey({ ...config, NANGO_HOST: "https://api.nango.dev" }).status).toBe("fail");
  });

  it("emulator credentials against real services: a warning in development, a failure in production", () => {
    const real = { ...config, NANGO_HOST: "https://api.nango.dev" };
    expect(checkConfiguration(real)).toMatchObject({
      status: "warn",
      detail: expect.stringContaining("NANGO_SECRET_KEY"),
    });
    expect(checkConfiguration({ ...real, NODE_ENV: "production" })).toMatchObject({ status: "fail" });
  });

  it("a provider that is not a delegated Microsoft one", () => {
    expect(checkProvider({ unique_key: "k", provider: "github" }).status).toBe("fail");
    expect(checkProvider({ unique_key: "k", provider: "microsoft-teams-bot" }).status).toBe("fail");
    expect(checkProvider({ unique_key: "k", provider: "microsoft" }).status).toBe("warn");
  });

  it("a database with a pending migration, a missing one, an unreachable one", async () => {
    // A new release's migration not applied yet: the latest one is not recorded.
    const behind = await migratedPgliteDir();
    temp.push(behind.dataDir);
    const pglite = await PGlite.create(behind.dataDir);
    await pglite.exec(
      `DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")`,
    );
    await pglite.close();
    expect(byTitle(await checkDatabase(`pglite:${behind.dataDir}`), "Database migrated")).toMatchObject({
      status: "fail",
      fix: expect.stringContaining("deploy:migrate"),
    });
    const missing = mkdtempSync(path.join(tmpdir(), "teams-connect-doctor-"));
    temp.push(missing);
    expect(byTitle(await checkDatabase(`pglite:${missing}`), "Database reachable")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("no embedded database"),
    });
    expect(byTitle(await checkDatabase("postgresql://postgres@127.0.0.1:9/none"), "Database reachable").status).toBe(
      "fail",
    );
  }, 90_000);

  it("Nango's auth webhooks look off, and an admin-only scope lacks a tenant's grant, from what the database holds", async () => {
    const seeded = await migratedPgliteDir();
    temp.push(seeded.dataDir);
    const pglite = await PGlite.create(seeded.dataDir);
    const tenant = "11111111-1111-4111-8111-111111111111";
    await pglite.exec(`
      INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('00000000-0000-4000-8000-0000000000d1', 'd1@example.com', 'D1', now());
      INSERT INTO "TeamsConnection" (id, "userId", "integrationId", "nangoConnectionId", "tenantId", "grantedScopes", "createdAt", "updatedAt")
      VALUES ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000d1', 'microsoft-teams', 'conn-old', '${tenant}', ARRAY['User.Read','Chat.Read'], now() - interval '1 hour', now());`);
    await pglite.close();
    let results = await checkDatabase(`pglite:${seeded.dataDir}`, undefined, REQUIRED);
    expect(byTitle(results, "Nango auth webhooks")).toMatchObject({
      status: "warn",
      fix: expect.stringContaining("Environment settings > Webhooks"),
    });
    expect(byTitle(results, "Admin consent")).toMatchObject({
      status: "warn",
      detail: expect.stringContaining(tenant),
    });

    const fixed = await PGlite.create(seeded.dataDir);
    await fixed.exec(`
      INSERT INTO "WebhookEvent" (id, "dedupeKey", operation, "connectionId", success, outcome) VALUES ('00000000-0000-4000-8000-0000000000e1', 'k1', 'creation', 'conn-old', true, 'stored');
      INSERT INTO "TenantConsent" ("tenantId", "adminGrantedAt", "updatedAt") VALUES ('${tenant}', now(), now());`);
    await fixed.close();
    results = await checkDatabase(`pglite:${seeded.dataDir}`, undefined, REQUIRED);
    expect(byTitle(results, "Nango auth webhooks").status).toBe("pass");
    expect(byTitle(results, "Admin consent").status).toBe("pass");
  }, 90_000);
});
