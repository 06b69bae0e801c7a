/**
 * Test helper: a tiny "browser" (cookie jar, manual redirects) that walks the emulated
 * sign-in and consent pages over HTTP, and a shortcut to get tokens for Graph tests.
 */
import type { TestEmulator } from "../testing";

export class TestBrowser {
  readonly cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
    return response;
  }

  post(url: string, fields: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

export const heading = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
export const ctxOf = (html: string) => /name="ctx" value="([^"]+)"/.exec(html)?.[1] ?? "";

export interface AuthorizeParams {
  clientId?: string;
  redirectUri?: string;
  scope: string;
  prompt?: string;
  state?: string;
  nonce?: string;
  tenant?: string;
}

export function authorizeUrl(emu: TestEmulator, params: AuthorizeParams): string {
  const { nango } = emu.context.config;
  const url = new URL(`${emu.origins.login}/${params.tenant ?? "common"}/oauth2/v2.0/authorize`);
  url.searchParams.set("client_id", params.clientId ?? nango.clientId);
  url.searchParams.set("redirect_uri", params.redirectUri ?? `${emu.origins.nango}/oauth/callback`);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("response_mode", "query");
  url.searchParams.set("scope", params.scope);
  url.searchParams.set("state", params.state ?? "state-1");
  if (params.prompt) url.searchParams.set("prompt", params.prompt);
  if (params.nonce) url.searchParams.set("nonce", params.nonce);
  return url.toString();
}

/** Signs in (picking the account), accepts consent if asked, returns the redirect URL. */
export async function authorizeAs(
  emu: TestEmulator,
  browser: TestBrowser,
  email: string,
  params: AuthorizeParams,
): Promise<URL> {
  let response = await browser.request(authorizeUrl(emu, params));
  const tenant = params.tenant ?? "common";
  for (let step = 0; step < 3 && response.status === 200; step++) {
    const html = await response.text();
    if (heading(html) === "Sign in") {
      response = await browser.post(`${emu.origins.login}/${tenant}/login`, { ctx: ctxOf(html), account: email });
    } else if (heading(html) === "Permissions requested") {
      response = await browser.post(`${emu.origins.login}/${tenant}/Consent/Set`, {
        ctx: ctxOf(html),
        decision: "accept",
      });
    } else throw new Error(`unexpected page: ${heading(html)}`);
  }
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(location);
}

export async function redeem(emu: TestEmulator, fields: Record<string, string>): Promise<Response> {
  const { nango } = emu.context.config;
  return fetch(`${emu.origins.login}/common/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: nango.clientId, client_secret: nango.clientSecret, ...fields }).toString(),
  });
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  scope: string;
  expires_in: number;
}

/** Full authorization-code flow for the Nango client; returns the token response. */
export async function tokensFor(emu: TestEmulator, email: string, scope: string): Promise<Tokens> {
  const redirect = await authorizeAs(emu, new TestBrowser(), email, { scope });
  const code = redirect.searchParams.get("code");
  if (!code) throw new Error(`no code: ${redirect.toString()}`);
  const response = await redeem(emu, {
    grant_type: "authorization_code",
    code,
    redirect_uri: `${emu.origins.nango}/oauth/callback`,
  });
  if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
  return (await response.json()) as Tokens;
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
