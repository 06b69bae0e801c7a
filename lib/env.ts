/**
 * The validated configuration (lib/env-schema.ts), for server code only: it holds the
 * app's secrets, so a client component importing it fails the build (and lint).
 */
import "server-only";
import { DEV_AUTH_SECRET, EMULATOR_DEFAULTS, loadEnv, type Env } from "./env-schema";

export { EMULATOR_DEFAULTS, type Env } from "./env-schema";

export const env = loadEnv();

/** True for http(s)://localhost / 127.x / [::1]: the emulator, never a real service. */
export function isLoopbackUrl(value: string): boolean {
  const host = new URL(value).hostname;
  return host === "localhost" || host.endsWith(".localhost") || /^127(\.\d+){3}$/.test(host) || host === "[::1]";
}

type RuntimeConfig = Pick<
  Env,
  | "NODE_ENV"
  | "AUTH_SECRET"
  | "NANGO_HOST"
  | "NANGO_SECRET_KEY"
  | "NANGO_WEBHOOK_SIGNING_KEY"
  | "MICROSOFT_LOGIN_URL"
  | "MICROSOFT_CLIENT_ID"
  | "MICROSOFT_CLIENT_SECRET"
>;

/**
 * What a production server must not start with: the public demo auth secret, or the
 * emulator's credentials while pointed at a real Nango / Microsoft (the emulator itself,
 * on loopback, may keep them: e2e and the smoke test run production builds against it).
 * One line per problem, naming the variable. Also shown by `npm run doctor`.
 */
export function runtimeConfigProblems(config: RuntimeConfig = env): string[] {
  if (config.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (config.AUTH_SECRET === DEV_AUTH_SECRET)
    problems.push("AUTH_SECRET: required in production (openssl rand -base64 32)");
  const realNango = !isLoopbackUrl(config.NANGO_HOST);
  const realLogin = !isLoopbackUrl(config.MICROSOFT_LOGIN_URL);
  const still = (name: keyof typeof EMULATOR_DEFAULTS, where: string, fix: string) =>
    problems.push(`${name}: still the emulator's default while ${where}; set ${fix}`);
  if (realNango && config.NANGO_SECRET_KEY === EMULATOR_DEFAULTS.NANGO_SECRET_KEY) {
    still(
      "NANGO_SECRET_KEY",
      `NANGO_HOST is ${config.NANGO_HOST}`,
      "your Nango environment's secret key (Environment settings)",
    );
  }
  if (realNango && config.NANGO_WEBHOOK_SIGNING_KEY === EMULATOR_DEFAULTS.NANGO_WEBHOOK_SIGNING_KEY) {
    still(
      "NANGO_WEBHOOK_SIGNING_KEY",
      `NANGO_HOST is ${config.NANGO_HOST}`,
      "the webhook signing key from Nango (Environment settings > Webhooks)",
    );
  }
  if (realLogin && config.MICROSOFT_CLIENT_ID === EMULATOR_DEFAULTS.MICROSOFT_CLIENT_ID) {
    still(
      "MICROSOFT_CLIENT_ID",
      `MICROSOFT_LOGIN_URL is ${config.MICROSOFT_LOGIN_URL}`,
      "the sign-in app registration's client id (docs/setup.md)",
    );
  }
  if (realLogin && config.MICROSOFT_CLIENT_SECRET === EMULATOR_DEFAULTS.MICROSOFT_CLIENT_SECRET) {
    still(
      "MICROSOFT_CLIENT_SECRET",
      `MICROSOFT_LOGIN_URL is ${config.MICROSOFT_LOGIN_URL}`,
      "a client secret of the sign-in app registration",
    );
  }
  return problems;
}

/**
 * Checks made when the server starts (instrumentation.ts), not at build time: a build
 * needs no secrets, a production server must not run on demo or emulator credentials.
 */
export function assertRuntimeConfig(): void {
  const problems = runtimeConfigProblems();
  if (problems.length > 0) {
    throw new Error(
      `Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example and docs/setup.md.`,
    );
  }
}

// next-auth 4 reads NEXTAUTH_URL itself to build its callback URLs; derive it from APP_URL
// so there is one setting for the app's public address.
process.env.NEXTAUTH_URL ??= env.APP_URL;
