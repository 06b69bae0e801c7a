/**
 * The interactive flow: authorize → (sign-in page) → (consent page | "Need admin
 * approval") → redirect with a code. Each step re-enters `proceed`, which decides what the
 * user must see next, the way Entra ID does:
 * - sign-in when there is no session or `prompt=login|select_account`;
 * - for a non-admin, "Need admin approval" (a page that stays open) when a requested
 *   scope is one they may not consent to (admin-only, or restricted by the tenant's user
 *   consent policy) and no admin granted it tenant-wide, or when `prompt=consent` asks
 *   them to consent to such a scope even though an admin granted it (the admin-consent
 *   loop);
 * - the consent page for what is missing, or all again on `prompt=consent`; admins get
 *   "Consent on behalf of your organization" there;
 * - otherwise straight back with a code.
 * The decisions live in authorize-flow.ts; `GET /{tenant}/v2.0/adminconsent`, the
 * tenant-wide admin-consent endpoint, in admin-consent.ts.
 */
import type { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { randomUUID } from "node:crypto";
import { describe, errorRedirect } from "./aad-errors";
import { registerAdminConsent } from "./admin-consent";
import { createAuthorizeFlow } from "./authorize-flow";
import { checkAuthorize } from "./authorize-request";
import { addTenantGrant, data, SESSION_COOKIE, sessionUser, tenantPolicy, type LoginDeps } from "./deps";
import { errorPage, requestSentPage } from "./pages";
import { OIDC_SCOPES, prefixed } from "./scopes";

export function registerAuthorize(app: Hono, deps: LoginDeps): void {
  const flow = createAuthorizeFlow(deps);
  const { pending, html, showSignIn, lookup, expired, proceed, issueCode } = flow;

  app.get("/:tenant/oauth2/v2.0/authorize", (c) => {
    const check = checkAuthorize(deps, c.req.param("tenant"), c.req.query());
    if (check.kind === "page") return html(c, errorPage(check.description), check.status);
    if (check.kind === "redirect") return c.redirect(check.location, 302);
    const request = check.request;
    const user = sessionUser(deps, c);
    if (request.prompt === "none") {
      if (!user)
        return c.redirect(errorRedirect(request.redirectUri, request.state, "login_required", describe(50058)), 302);
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
    const login = String(form.login ?? account ?? "")
      .trim()
      .toLowerCase();
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
    if (request.kind === "adminconsent") {
      // Only an admin ever gets this page; accepting grants everything for the tenant.
      // Sign-in scopes come with any tenant-wide grant.
      addTenantGrant(deps, user.tenantId, request.client.clientId, [...request.scopes, ...OIDC_SCOPES]);
      const url = new URL(request.redirectUri);
      url.searchParams.set("admin_consent", "True");
      url.searchParams.set("tenant", user.tenantId);
      if (request.state !== undefined) url.searchParams.set("state", request.state);
      url.searchParams.set("scope", request.scopes.map(prefixed).join(" "));
      return c.redirect(url.toString(), 302);
    }
    if (user.isAdmin && form.consentOnBehalf === "on") {
      addTenantGrant(deps, user.tenantId, request.client.clientId, request.scopes);
    } else {
      const { consents } = deps.state.data;
      const key = `${request.client.clientId}|${user.id}`;
      consents[key] = [...new Set([...(consents[key] ?? []), ...request.scopes])];
      deps.state.changed();
    }
    return issueCode(c, request, user);
  });

  // "Request approval" on the "Need admin approval" page (tenants with the admin-consent workflow).
  app.post("/:tenant/adminapproval/request", async (c) => {
    const form = await c.req.parseBody();
    const request = lookup(c, String(form.ctx ?? ""));
    const user = sessionUser(deps, c);
    if (!request || !user) return expired(c);
    if (!tenantPolicy(deps, user.tenantId).adminConsentWorkflow)
      return html(c, errorPage("Your organization does not accept admin consent requests."), 400);
    pending.delete(request.id);
    deps.state.data.approvalRequests.push({
      id: randomUUID(),
      tenantId: user.tenantId,
      userId: user.id,
      email: user.mail,
      clientId: request.client.clientId,
      clientName: request.client.displayName,
      scopes: request.scopes,
      justification: String(form.justification ?? "").slice(0, 2000),
      status: "pending",
      createdAt: new Date().toISOString(),
    });
    deps.state.changed();
    return html(c, requestSentPage(user, request.client.displayName));
  });

  registerAdminConsent(app, deps, flow);

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
    return html(
      c,
      errorPage("You signed out of your account.").replace(
        "Sorry, but we're having trouble signing you in.",
        "Signed out",
      ),
    );
  });
}
