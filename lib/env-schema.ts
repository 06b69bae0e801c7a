/**
 * The environment's schema and loader: the one place that reads `process.env`. The app,
 * the scripts and the tests import `lib/env.ts` (server-only); next.config.ts imports
 * this module to validate the configuration at build and start.
 * Every variable has an offline default that points at the emulator and the embedded
 * database, except the secrets a production deployment must choose itself: those fail
 * with a message naming the variable. Documented in `.env.example`.
 */
import { z } from "zod";
import { parseScopes } from "./scopes";

export const DEV_AUTH_SECRET = "offline-demo-auth-secret-change-me-0000000000";

/** The emulator's public credentials: fine offline, refused in production against real services. */
export const EMULATOR_DEFAULTS = {
  NANGO_SECRET_KEY: "emulator-secret-key-0000000000000000",
  NANGO_WEBHOOK_SIGNING_KEY: "emulator-webhook-signing-key",
  MICROSOFT_CLIENT_ID: "00000000-0000-4000-8000-00000000a002",
  MICROSOFT_CLIENT_SECRET: "emulator-signin-client-secret",
} as const;

const url = (name: string) => z.url({ error: `${name} must be an absolute URL` });
const list = z
  .string()
  .default("")
  .transform((raw) => raw.split(/[\s,]+/).filter(Boolean));

/** `redis://` / `rediss://` with a host; unset or empty means "keep the state in process". */
export const redisUrl = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .refine((v) => {
      try {
        const parsed = new URL(v);
        return /^rediss?:$/.test(parsed.protocol) && parsed.hostname !== "";
      } catch {
        return false;
      }
    }, "REDIS_URL must be redis://host:port[/db] or rediss://… (unset it to keep the state in process)")
    .optional(),
);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: url("APP_URL").default("http://localhost:3000"),
  /** next-auth's JWT/cookie secret. Required in production. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** `pglite:<dir>` (embedded, default) or `postgres://…` / `postgresql://…`. */
  DATABASE_URL: z
    .string()
    .default("pglite:.data/pglite")
    .refine(
      (v) => /^(pglite:|postgres(ql)?:\/\/)/.test(v),
      "DATABASE_URL must start with pglite:, postgres:// or postgresql://",
    ),

  /** Offline default: the emulator. Nango Cloud: https://api.nango.dev (see docs/setup.md). */
  NANGO_HOST: url("NANGO_HOST").default("http://localhost:4010"),
  /** The API origin the browser's Connect UI talks to (usually the same as NANGO_HOST). */
  NANGO_PUBLIC_API_URL: url("NANGO_PUBLIC_API_URL").optional(),
  NANGO_CONNECT_UI_URL: url("NANGO_CONNECT_UI_URL").default("http://localhost:4011"),
  NANGO_SECRET_KEY: z
    .string()
    .min(1, "NANGO_SECRET_KEY must not be empty (Nango dashboard > Environment settings > secret key)")
    .default(EMULATOR_DEFAULTS.NANGO_SECRET_KEY),
  NANGO_WEBHOOK_SIGNING_KEY: z
    .string()
    .min(1, "NANGO_WEBHOOK_SIGNING_KEY must not be empty (Nango dashboard > Environment settings > Webhooks)")
    .default(EMULATOR_DEFAULTS.NANGO_WEBHOOK_SIGNING_KEY),
  NANGO_INTEGRATION_ID: z
    .string()
    .regex(/^[a-z0-9-_]+$/i, "NANGO_INTEGRATION_ID must be an integration key")
    .default("microsoft-teams"),
  /** Delegated Graph scopes the dashboard needs; see lib/scopes.ts for the rules. */
  TEAMS_REQUIRED_SCOPES: z
    .string()
    .default(
      "offline_access User.Read Team.ReadBasic.All Channel.ReadBasic.All ChannelMessage.Read.All Chat.Read Presence.Read",
    ),

  /** "Sign in with Microsoft" for the app itself (OpenID Connect). */
  MICROSOFT_LOGIN_URL: url("MICROSOFT_LOGIN_URL").default("http://localhost:4012"),
  MICROSOFT_TENANT_ID: z
    .string()
    .regex(
      /^[a-z0-9.-]+$/i,
      "MICROSOFT_TENANT_ID must be a tenant id (GUID), a verified domain, organizations or common",
    )
    // Offline: the emulated Contoso tenant. Multi-tenant sign-in ("organizations") relies on
    // openid-client's Azure AD issuer rule, which it applies to login.microsoftonline.com only.
    .default("6e1b8a3c-2f4d-4b7e-9c1a-0d5f3e2a7b64"),
  MICROSOFT_CLIENT_ID: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      "MICROSOFT_CLIENT_ID must be the app registration's Application (client) ID, a GUID",
    )
    .default(EMULATOR_DEFAULTS.MICROSOFT_CLIENT_ID),
  MICROSOFT_CLIENT_SECRET: z
    .string()
    .min(1, "MICROSOFT_CLIENT_SECRET must not be empty (Entra > App registrations > Certificates & secrets)")
    .default(EMULATOR_DEFAULTS.MICROSOFT_CLIENT_SECRET),

  /** Emails that become admins on sign-in (production); the offline seed makes one too. */
  ADMIN_EMAILS: list,
  /** Microsoft tenant ids whose accounts may connect; empty = any tenant. */
  ALLOWED_TENANTS: list,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Shared store of every instance (Graph cache, tenant pacing, rate limits): docs/operations.md. */
  REDIS_URL: redisUrl,

  /** "off" keeps every page a snapshot (no Graph subscriptions, no live stream). */
  LIVE_UPDATES: z.enum(["on", "off"]).default("on"),
  /**
   * The public base URL Graph posts change notifications to (`/api/graph/notifications`
   * and `/api/graph/lifecycle` under it): APP_URL unless Graph must reach the app by
   * another address (a load balancer, a tunnel). It must be reachable from Microsoft.
   */
  GRAPH_NOTIFICATION_URL: url("GRAPH_NOTIFICATION_URL").optional(),
  /**
   * How long each Graph subscription is asked for; renewed well before it lapses. Graph
   * allows up to 4,320 minutes for Teams messages (with a lifecycle URL past an hour).
   */
  GRAPH_SUBSCRIPTION_LIFETIME_SECONDS: z.coerce.number().int().min(10).max(259_200).default(3_600),
});

export type Env = z.infer<typeof schema> & {
  AUTH_SECRET: string;
  NANGO_PUBLIC_API_URL: string;
  requiredScopes: string[];
};

export function loadEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  const values = parsed.data;
  return {
    ...values,
    AUTH_SECRET: values.AUTH_SECRET ?? DEV_AUTH_SECRET,
    NANGO_PUBLIC_API_URL: values.NANGO_PUBLIC_API_URL ?? values.NANGO_HOST,
    requiredScopes: parseScopes(values.TEAMS_REQUIRED_SCOPES, "TEAMS_REQUIRED_SCOPES"),
  };
}
