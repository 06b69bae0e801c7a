/**
 * The interactive flow: authorize → (sign-in page) → (consent page) → redirect with a
 * code. Each step re-enters `proceed`, which decides what the user must see next, the
 * way Entra ID does: sign-in when there is no session or `prompt=login|select_account`,
 * consent when scopes are missing or `prompt=consent`, otherwise straight back.
 */
import type { Context, Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { randomUUID } from "node:crypto";
import type { TenantUser } from "../data/types";
import { describe, errorRedirect } from "./aad-errors";
import { checkAuthorize, type PendingAuthorize } from "./authorize-request";
import { adminOnlyScopes, data, grantedScopes, MULTI_TENANT, SESSION_COOKIE, sessionUser, type LoginDeps } from "./deps";
import { consentPage, errorPage, signInPage } from "./pages";
import { opaqueToken } from "./state";

const PENDING_TTL_MS = 30 * 60_000;
const CODE_TTL_MS = 10 * 60_000;

export function registerAuthorize(app: Hono, deps: LoginDeps): void {
  // In memory on purpose: a half-finished sign-in does not survive a restart in Azure either.
  const pending = new Map<string, PendingAuthorize>();
  deps.ctx.onReset(() => pending.clear());

  const html = (c: Context, body: string, status = 200) => {
    c.header("cache-control", "no-store");
    return c.html(body, status as 200);
  };
  const showSignIn = (c: Context, request: PendingAuthorize, error?: string, login?: string) => {
    const tenant = MULTI_TENANT.has(request.tenantPath) ? undefined : data(deps).tenant(request.tenantPath);
    const tenants = tenant ? [tenant] : data(deps).tenants;
    // The picker lists the named demo users, not the synthetic colleagues of large datasets.
    const accounts = tenants.flatMap((t) => t.users.slice(0, t.domain.startsWith("contoso") ? 16 : t.users.length));
    const page = signInPage({
      action: `/${request.tenantPath}/login`,
      requestId: request.id,
      accounts,
      clientName: request.client.displayName,
      error,
      login: login ?? request.loginHint,
    });
    return html(c, page, error ? 400 : 200);
  };
  const lookup = (c: Context, id: string | undefined) => {
    const request = id ? pending.get(id) : undefined;
    if (request && Date.now() - request.createdAt < PENDING_TTL_MS) return request;
    return undefined;
  };
  const expired = (c: Context) =>
    html(c, errorPage("Your sign-in request has expired or is unknown. Go back to the application and try again."), 400);

  app.get("/:tenant/oauth2/v2.0/authorize", (c) => {
    const check = checkAuthorize(deps, c.req.param("tenant"), c.req.query());
    if (check.kind === "page") return html(c, errorPage(check.description), check.status);
    if (check.kind === "redirect") return c.redirect(check.location, 302);
    const request = check.request;
    const user = sessionUser(deps, c);
    if (request.prompt === "none") {
      if (!user) return c.redirect(errorRedirect(request.redirectUri, request.state, "login_required", describe(50058)), 302);
      return proceed(c, request, user);
    }
    pending.set(request.id, request);
    if (!user || request.prompt === "login" || request.prompt === "select_account") return showSignIn(c, request);
    return proceed(c, request, user);
  });

  app.post("/:tenant/login", async (c) => {
    const form = await c.req.parseBody();
    const request = lookup(c, String(form.ctx ?? ""));
    if (!request) return expired(c);
    const account = typeof form.account === "string" ? form.account : undefined;
    const login = String(form.login ?? account ?? "").trim().toLowerCase();
    const user = data(deps).usersByEmail.get(login);
    if (!user) return showSignIn(c, request, describe(50034, { user: login }), login);
    // "Pick an account" is the emulator's stand-in for single sign-on: no password asked.
    if (!account && form.passwd !== user.password) {
      return showSignIn(c, request, "Your account or password is incorrect.", login);
    }
    const sessionId = randomUUID();
    deps.state.data.sessions[sessionId] = { userId: user.id, tenantId: user.tenantId, createdAt: Date.now() };
    deps.state.changed();
    setCookie(c, SESSION_COOKIE, sessionId, { path: "/", httpOnly: true, sameSite: "Lax" });
    return proceed(c, request, user);
  });

  app.post("/:tenant/Consent/Set", async (c) => {
    const form = await c.req.parseBody();
    const request = lookup(c, String(form.ctx ?? ""));
    const user = sessionUser(deps, c);
    if (!request || !user) return expired(c);
    pending.delete(request.id);
    if (form.decision !== "accept") {
      const location = errorRedirect(request.redirectUri, request.state, "access_denied", describe(65004));
      const url = new URL(location);
      url.searchParams.set("error_subcode", "cancel");
      return c.redirect(url.toString(), 302);
    }
    const { consents, adminConsents } = deps.state.data;
    const adminOnly = adminOnlyScopes(deps, user.tenantId);
    const key = `${request.client.clientId}|${user.id}`;
    consents[key] = [...new Set([...(consents[key] ?? []), ...request.scopes.filter((s) => !adminOnly.includes(s))])];
    if (user.isAdmin) {
      const orgKey = `${user.tenantId}|${request.client.clientId}`;
      const granted = request.scopes.filter((s) => adminOnly.includes(s));
      adminConsents[orgKey] = [...new Set([...(adminConsents[orgKey] ?? []), ...granted])];
    }
    deps.state.changed();
    return issueCode(c, request, user);
  });

  app.get("/:tenant/oauth2/v2.0/logout", (c) => {
    const user = sessionUser(deps, c);
    if (user) {
      for (const [id, session] of Object.entries(deps.state.data.sessions)) {
        if (session.userId === user.id) delete deps.state.data.sessions[id];
      }
      deps.state.changed();
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    const next = c.req.query("post_logout_redirect_uri");
    if (next && /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(next)) return c.redirect(next, 302);
    return html(c, errorPage("You signed out of your account.").replace("Sorry, but we're having trouble signing you in.", "Signed out"));
  });

  function proceed(c: Context, request: PendingAuthorize, user: TenantUser): Response {
    const fail = (error: string, description: string) => {
      pending.delete(request.id);
      return c.redirect(errorRedirect(request.redirectUri, request.state, error, description), 302);
    };
    const tenant = MULTI_TENANT.has(request.tenantPath) ? undefined : data(deps).tenant(request.tenantPath);
    if (tenant && tenant.id !== user.tenantId) {
      pending.delete(request.id);
      const description = describe(50020, { user: user.mail, tid: user.tenantId, tenant: tenant.id, client: request.client.clientId });
      return html(c, errorPage(description), 400);
    }
    const granted = grantedScopes(deps, request.client.clientId, user);
    const needsAdmin = adminOnlyScopes(deps, user.tenantId).filter((s) => request.scopes.includes(s) && !granted.has(s));
    const values = { client: request.client.clientId, name: request.client.displayName };
    if (needsAdmin.length > 0 && !user.isAdmin) {
      // Silent requests get consent_required; interactive ones the admin-approval error.
      return request.prompt === "none"
        ? fail("consent_required", describe(65001, values))
        : fail("access_denied", describe(90094));
    }
    const missing = request.scopes.filter((scope) => !granted.has(scope));
    if (request.prompt === "none") return missing.length > 0 ? fail("consent_required", describe(65001, values)) : issueCode(c, request, user);
    if (missing.length > 0 || request.prompt === "consent") {
      pending.set(request.id, request);
      const page = consentPage({
        action: `/${request.tenantPath}/Consent/Set`,
        requestId: request.id,
        user,
        clientName: request.client.displayName,
        scopes: request.scopes,
        adminScopes: user.isAdmin ? needsAdmin : [],
      });
      return html(c, page);
    }
    return issueCode(c, request, user);
  }

  function issueCode(c: Context, request: PendingAuthorize, user: TenantUser): Response {
    pending.delete(request.id);
    const code = opaqueToken("1.AQ");
    const { codes } = deps.state.data;
    const now = Date.now();
    for (const [key, value] of Object.entries(codes)) if (value.expiresAt < now - CODE_TTL_MS) delete codes[key];
    codes[code] = {
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      userId: user.id,
      tenantId: user.tenantId,
      scopes: request.scopes,
      nonce: request.nonce,
      expiresAt: now + CODE_TTL_MS,
    };
    deps.state.changed();
    const url = new URL(request.redirectUri);
    url.searchParams.set("code", code);
    if (request.state !== undefined) url.searchParams.set("state", request.state);
    url.searchParams.set("session_state", randomUUID());
    return c.redirect(url.toString(), 302);
  }
}
