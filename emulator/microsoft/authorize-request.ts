/**
 * Validation of `GET /{tenant}/oauth2/v2.0/authorize`. Problems found before the
 * redirect URI is trusted are shown on an error page (never redirected: that would be an
 * open redirector); later ones go back to the client as `?error=...`.
 */
import { randomUUID } from "node:crypto";
import type { RegisteredClient } from "../data/clients";
import { describe, errorRedirect } from "./aad-errors";
import { data, MULTI_TENANT, type LoginDeps } from "./deps";
import { effectiveScopes, mixesDefault, parseScopes } from "./scopes";

export interface PendingAuthorize {
  /** `adminconsent`: the tenant-wide admin-consent endpoint rather than a sign-in. */
  kind?: "authorize" | "adminconsent";
  id: string;
  tenantPath: string;
  client: RegisteredClient;
  redirectUri: string;
  state: string | undefined;
  nonce: string | null;
  scopes: string[];
  prompt: string | undefined;
  loginHint: string | undefined;
  createdAt: number;
}

export type AuthorizeCheck =
  | { kind: "page"; status: number; description: string }
  | { kind: "redirect"; location: string }
  | { kind: "ok"; request: PendingAuthorize };

const PROMPTS = new Set(["login", "select_account", "consent", "none"]);

export function checkAuthorize(deps: LoginDeps, tenantPath: string, q: Record<string, string>): AuthorizeCheck {
  if (!MULTI_TENANT.has(tenantPath) && !data(deps).tenant(tenantPath)) {
    return { kind: "page", status: 400, description: describe(90002, { tenant: tenantPath }) };
  }
  const clientId = q.client_id;
  if (!clientId) return { kind: "page", status: 400, description: describe(900144, { field: "client_id" }) };
  const client = deps.clients.find((candidate) => candidate.clientId === clientId);
  if (!client)
    return { kind: "page", status: 400, description: describe(700016, { client: clientId, tenant: tenantPath }) };
  const redirectUri = q.redirect_uri;
  if (!redirectUri || !client.allowsRedirect(redirectUri)) {
    return { kind: "page", status: 400, description: describe(50011, { uri: redirectUri ?? "", client: clientId }) };
  }

  const fail = (error: string, description: string): AuthorizeCheck => ({
    kind: "redirect",
    location: errorRedirect(redirectUri, q.state, error, description),
  });
  if (q.response_type !== "code")
    return fail("unsupported_response_type", describe(700054, { type: q.response_type ?? "" }));
  if (q.response_mode && q.response_mode !== "query") {
    return fail(
      "invalid_request",
      `AADSTS900144: response_mode '${q.response_mode}' is not supported by the emulator; use query.`,
    );
  }
  if (q.prompt && !PROMPTS.has(q.prompt))
    return fail("invalid_request", `AADSTS90023: Invalid prompt value '${q.prompt}'.`);
  const parsed = parseScopes(q.scope);
  if (!q.scope) return fail("invalid_request", describe(900144, { field: "scope" }));
  if (parsed.unknown.length > 0) {
    return fail("invalid_client", describe(650053, { name: client.displayName, scope: parsed.unknown.join(" ") }));
  }
  if (mixesDefault(parsed)) return fail("invalid_scope", describe(70011));

  return {
    kind: "ok",
    request: {
      id: randomUUID(),
      tenantPath,
      client,
      redirectUri,
      state: q.state,
      nonce: q.nonce ?? null,
      scopes: effectiveScopes(parsed, client.permissions),
      prompt: q.prompt,
      loginHint: q.login_hint,
      createdAt: Date.now(),
    },
  };
}
