import { stackEnv } from "./stack-env.mjs";

/** Ports and database of the e2e stack; shared by its launcher and the Playwright specs. */
export function e2eEnv() {
  const appPort = Number(process.env.E2E_APP_PORT || 3100);
  return stackEnv({
    appPort,
    emulatorBasePort: Number(process.env.E2E_EMULATOR_BASE_PORT || 4110),
    // A second stack on other ports (E2E_APP_PORT) gets its own embedded database.
    databaseUrl: process.env.TEST_DATABASE_URL || `pglite:.data/e2e/pglite${appPort === 3100 ? "" : `-${appPort}`}`,
    stateFile: "",
    extra: {
      AUTH_SECRET: "e2e-auth-secret-not-for-production-000000000",
      // Not the offline defaults: proves both sides take their keys from configuration.
      NANGO_SECRET_KEY: "e2e-nango-secret-key-1111111111111111",
      NANGO_WEBHOOK_SIGNING_KEY: "e2e-webhook-signing-key-2222",
      LOG_LEVEL: process.env.LOG_LEVEL || "warn",
      // Short-lived Graph subscriptions: every spec that keeps a page open exercises renewal.
      GRAPH_SUBSCRIPTION_LIFETIME_SECONDS: "45",
      // The app's stdout and stderr, kept for the secrets scan (e2e/security/secrets.spec.ts).
      E2E_APP_LOG: `.data/e2e/app-${appPort}.log`,
    },
  });
}
