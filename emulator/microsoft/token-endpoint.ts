/**
 * `POST /{tenant}/oauth2/v2.0/token`: authorization_code and refresh_token grants for
 * confidential clients. Refresh tokens rotate (the old one stops working), which is
 * stricter than Azure but catches clients that keep using a stale token.
 */
import type { Context, Hono } from "hono";
import { tokenErrorBody, type AadCode } from "./aad-errors";
import { data, type LoginDeps } from "./deps";
import { effectiveScopes, mixesDefault, parseScopes } from "./scopes";
import { issueTokens } from "./tokens";

export function registerTokenEndpoint(app: Hono, deps: LoginDeps): void {
  app.post("/:tenant/oauth2/v2.0/token", async (c) => {
    c.header("cache-control", "no-store");
    c.header("pragma", "no-cache");
    const fail = (status: number, error: string, code: AadCode, values: Record<string, string> = {}) =>
      c.json(tokenErrorBody(error, code, values), status as 400);
    const form = (await c.req.parseBody()) as Record<string, string>;
    const basic = basicCredentials(c);
    const clientId = basic?.id ?? form.client_id;
    const secret = basic?.secret ?? form.client_secret;
    if (!clientId) return fail(400, "invalid_request", 900144, { field: "client_id" });
    const client = deps.clients.find((candidate) => candidate.clientId === clientId);
    if (!client) return fail(400, "unauthorized_client", 700016, { client: clientId, tenant: c.req.param("tenant") });
    if (!secret) return fail(401, "invalid_client", 7000218);
    if (secret !== client.clientSecret) return fail(401, "invalid_client", 7000215, { client: clientId });

    const parsed = parseScopes(form.scope);
    if (form.scope && mixesDefault(parsed)) return fail(400, "invalid_scope", 70011);
    const { codes, refreshTokens, tokensValidFrom } = deps.state.data;

    if (form.grant_type === "authorization_code") {
      if (!form.code) return fail(400, "invalid_request", 900144, { field: "code" });
      const code = codes[form.code];
      if (!code || code.clientId !== clientId) return fail(400, "invalid_grant", 70000);
      if (code.expiresAt === 0) return fail(400, "invalid_grant", 54005);
      if (code.expiresAt < Date.now()) return fail(400, "invalid_grant", 70008);
      if (form.redirect_uri !== code.redirectUri) {
        return fail(400, "invalid_grant", 500112, { uri: form.redirect_uri ?? "", expected: code.redirectUri });
      }
      // Single use: remembered as redeemed (expiresAt 0) so a replay gets AADSTS54005.
      code.expiresAt = 0;
      deps.state.changed();
      const user = data(deps).users.get(code.userId);
      if (!user) return fail(400, "invalid_grant", 70000);
      return c.json(issueTokens(deps, client, user, code.scopes, code.scopes, code.nonce));
    }

    if (form.grant_type === "refresh_token") {
      if (!form.refresh_token) return fail(400, "invalid_request", 900144, { field: "refresh_token" });
      const grant = refreshTokens[form.refresh_token];
      if (!grant || grant.clientId !== clientId) return fail(400, "invalid_grant", 9002313);
      const issued = new Date(grant.issuedAt).toISOString();
      const validFrom = tokensValidFrom[grant.userId];
      if (validFrom !== undefined && grant.issuedAt < validFrom) {
        return fail(400, "invalid_grant", 50173, { issued, validFrom: new Date(validFrom).toISOString() });
      }
      if (grant.expired) return fail(400, "invalid_grant", 700082, { issued });
      const user = data(deps).users.get(grant.userId);
      if (!user) return fail(400, "invalid_grant", 9002313);
      let scopes = grant.scopes;
      if (form.scope) {
        if (parsed.unknown.length > 0) return fail(400, "invalid_scope", 70011);
        // `.default` on refresh means "what was granted"; explicit scopes must be a subset.
        const requested = effectiveScopes(parsed, grant.scopes);
        if (requested.some((scope) => !grant.scopes.includes(scope))) {
          return fail(400, "invalid_grant", 65001, { client: client.clientId, name: client.displayName });
        }
        scopes = requested;
      }
      delete refreshTokens[form.refresh_token];
      deps.state.changed();
      return c.json(issueTokens(deps, client, user, scopes, grant.scopes, null));
    }

    if (!form.grant_type) return fail(400, "invalid_request", 900144, { field: "grant_type" });
    return c.json(
      {
        ...tokenErrorBody("unsupported_grant_type", 9002313),
        error_description: `AADSTS70003: The app requested an unsupported grant type '${form.grant_type}'.`,
        error_codes: [70003],
      },
      400,
    );
  });
}

function basicCredentials(c: Context): { id: string; secret: string } | undefined {
  const header = c.req.header("authorization");
  if (!header?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}
