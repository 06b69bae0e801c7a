/**
 * The two token-endpoint calls Nango makes for OAuth2 providers, shaped as simple-oauth2
 * sends them for Microsoft (client credentials in a form body, no Basic auth).
 */
import type { Integration } from "./integration";
import type { OAuth2Credentials } from "./state";

export class TokenEndpointError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`token endpoint answered ${status}: ${body.slice(0, 500)}`);
  }
}

async function postForm(url: string, form: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new TokenEndpointError(response.status, text);
  const json = JSON.parse(text) as Record<string, unknown>;
  if (typeof json.access_token !== "string") throw new TokenEndpointError(response.status, text);
  return json;
}

/** Like Nango's `parseRawCredentials`: keep the raw response, derive `expires_at` from `expires_in`. */
export function toCredentials(raw: Record<string, unknown>, previousRefreshToken?: string): OAuth2Credentials {
  const expiresIn = Number(raw.expires_in);
  const expiresAt = Number.isFinite(expiresIn) ? new Date(Date.now() + expiresIn * 1000).toISOString() : undefined;
  const refreshToken = typeof raw.refresh_token === "string" ? raw.refresh_token : previousRefreshToken;
  return {
    type: "OAUTH2",
    access_token: raw.access_token as string,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    ...(expiresAt ? { expires_at: expiresAt } : {}),
    // simple-oauth2 stamps `expires_at` into the token object it returns, so Nango's raw has it too.
    raw: { ...raw, ...(expiresAt ? { expires_at: expiresAt } : {}) },
  };
}

export async function exchangeCode(integration: Integration, code: string, redirectUri: string) {
  const raw = await postForm(integration.template.token_url, {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    client_id: integration.clientId,
    client_secret: integration.clientSecret,
  });
  return toCredentials(raw);
}

export async function refreshToken(integration: Integration, credentials: OAuth2Credentials) {
  const raw = await postForm(integration.template.token_url, {
    ...integration.template.refresh_params,
    grant_type: "refresh_token",
    refresh_token: credentials.refresh_token ?? "",
    client_id: integration.clientId,
    client_secret: integration.clientSecret,
  });
  return toCredentials(raw, credentials.refresh_token);
}
