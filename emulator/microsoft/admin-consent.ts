/**
 * `GET /{tenant}/v2.0/adminconsent`, Entra ID's tenant-wide admin-consent endpoint: an
 * administrator signs in and grants the app's permissions for everyone in the tenant;
 * the answer goes back as `admin_consent=True&tenant=…` (see the consent step in
 * authorize.ts, which records the grant).
 */
import type { Hono } from "hono";
import { randomUUID } from "node:crypto";
import { describe, errorRedirect } from "./aad-errors";
import type { AuthorizeFlow } from "./authorize-flow";
import type { PendingAuthorize } from "./authorize-request";
import { data, sessionUser, type LoginDeps } from "./deps";
import { errorPage } from "./pages";
import { effectiveScopes, parseScopes } from "./scopes";

export function registerAdminConsent(app: Hono, deps: LoginDeps, flow: AuthorizeFlow): void {
  const { pending, html, showSignIn, proceed } = flow;

  app.get("/:tenant/v2.0/adminconsent", (c) => {
    const tenantPath = c.req.param("tenant");
    const q = c.req.query();
    // Personal accounts can't give admin consent: Microsoft refuses /common here.
    if (tenantPath === "common" || tenantPath === "consumers") {
      return html(
        c,
        errorPage(
          `AADSTS90130: The admin consent endpoint does not support '/${tenantPath}'. Use a tenant id or '/organizations'.`,
        ),
        400,
      );
    }
    if (tenantPath !== "organizations" && !data(deps).tenant(tenantPath))
      return html(c, errorPage(describe(90002, { tenant: tenantPath })), 400);
    const client = deps.clients.find((candidate) => candidate.clientId === q.client_id);
    if (!client) return html(c, errorPage(describe(700016, { client: q.client_id ?? "", tenant: tenantPath })), 400);
    if (!q.redirect_uri || !client.allowsRedirect(q.redirect_uri)) {
      return html(c, errorPage(describe(50011, { uri: q.redirect_uri ?? "", client: client.clientId })), 400);
    }
    const parsed = parseScopes(q.scope ?? `${"https://graph.microsoft.com/"}.default`);
    if (parsed.unknown.length > 0) {
      return c.redirect(
        errorRedirect(
          q.redirect_uri,
          q.state,
          "invalid_client",
          describe(650053, { name: client.displayName, scope: parsed.unknown.join(" ") }),
        ),
        302,
      );
    }
    const request: PendingAuthorize = {
      kind: "adminconsent",
      id: randomUUID(),
      tenantPath,
      client,
      redirectUri: q.redirect_uri,
      state: q.state,
      nonce: null,
      scopes: effectiveScopes(parsed, client.permissions),
      prompt: undefined,
      loginHint: q.login_hint,
      createdAt: Date.now(),
    };
    pending.set(request.id, request);
    const user = sessionUser(deps, c);
    if (!user) return showSignIn(c, request);
    return proceed(c, request, user);
  });
}
