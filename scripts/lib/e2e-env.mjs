import { stackEnv } from "./stack-env.mjs";

/** Ports and database of the e2e stack; shared by its launcher and the Playwright specs. */
export function e2eEnv() {
  return stackEnv({
    appPort: Number(process.env.E2E_APP_PORT || 3100),
    emulatorBasePort: Number(process.env.E2E_EMULATOR_BASE_PORT || 4110),
    databaseUrl: process.env.TEST_DATABASE_URL || "pglite:.data/e2e/pglite",
    stateFile: "",
    extra: {
      AUTH_SECRET: "e2e-auth-secret-not-for-production-000000000",
      // Not the offline defaults: proves both sides take their keys from configuration.
      NANGO_SECRET_KEY: "e2e-nango-secret-key-1111111111111111",
      NANGO_WEBHOOK_SIGNING_KEY: "e2e-webhook-signing-key-2222",
      LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    },
  });
}
