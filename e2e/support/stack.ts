/**
 * The e2e stack's addresses and keys (same source as its launcher), and small clients
 * for the emulator's control API and for signing webhooks as Nango does.
 */
// @ts-expect-error -- plain ESM helper shared with the launcher scripts
import { e2eEnv } from "../../scripts/lib/e2e-env.mjs";
import { signWebhook as signWithKey } from "../../test-support/nango-webhook";

export { authWebhook } from "../../test-support/nango-webhook";

export const stack = e2eEnv() as Record<
  "APP_URL" | "PORT" | "NANGO_HOST" | "MICROSOFT_LOGIN_URL" | "NANGO_SECRET_KEY" | "NANGO_WEBHOOK_SIGNING_KEY",
  string
>;
export const WEBHOOK_SIGNING_KEY = stack.NANGO_WEBHOOK_SIGNING_KEY as string;
export const NANGO_SECRET_KEY = stack.NANGO_SECRET_KEY as string;

export async function emulator<T = unknown>(path: string, body?: unknown, method?: string): Promise<T> {
  const response = await fetch(`${stack.NANGO_HOST}/_emulator${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Tokens Graph accepts, as a completed Connect would have left them with Nango (default:
 * every scope the integration asks for): for seeding a Nango connection the app will read through.
 */
export async function microsoftTokens(
  email: string,
  scopes?: string[],
): Promise<{ accessToken: string; refreshToken: string }> {
  const tokens = await emulator<{ access_token: string; refresh_token: string }>("/microsoft/tokens", {
    email,
    ...(scopes ? { scopes: [...scopes, "offline_access"] } : {}),
  });
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}

/** Headers Nango puts on a webhook: HMAC-SHA256 of the exact body with the signing key. */
export function signWebhook(body: string, key = WEBHOOK_SIGNING_KEY): Record<string, string> {
  return signWithKey(body, key);
}
