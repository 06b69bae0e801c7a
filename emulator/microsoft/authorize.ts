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
 * - the consent page when something is missing or `prompt=consent`; admins get
 *   "Consent on behalf of your organization" there;
 * - otherwise straight back with a code.
 * Also `GET /{tenant}/v2.0/adminconsent`, the tenant-wide admin-consent endpoint.
 */
import type { Context, Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { randomUUID } from "node:crypto";
import type { TenantUser } from "../data/types";
import { describe, errorRedirect } from "./aad-errors";
import { checkAuthorize, type PendingAuthorize } from "./authorize-request";
import {
  addTenantGrant,
  data,
  grantedScopes,
  MULTI_TENANT,
  SESSION_COOKIE,
  sessionUser,
  tenantPolicy,
  userMayConsent,
  type LoginDeps,
} from "./deps";
import { adminApprovalPage, adminConsentPage, consentPage, errorPage, requestSentPage, signInPage } from "./pages";
import { effectiveScopes, OIDC_SCOPES, parseScopes, prefixed } from "./scopes";
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
    html(
      c,
      errorPage("Your sign-in request has expired or is unknown. Go back to the application and try again."),
      400,
    );

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

  function proceed(c: Context, request: PendingAuthorize, user: TenantUser): Response {
    const fail = (error: string, description: string) => {
      pending.delete(request.id);
      return c.redirect(errorRedirect(request.redirectUri, request.state, error, description), 302);
    };
    const tenant = MULTI_TENANT.has(request.tenantPath) ? undefined : data(deps).tenant(request.tenantPath);
    if (tenant && tenant.id !== user.tenantId) {
      pending.delete(request.id);
      const description = describe(50020, {
        user: user.mail,
        tid: user.tenantId,
        tenant: tenant.id,
        client: request.client.clientId,
      });
      return html(c, errorPage(description), 400);
    }
    if (request.kind === "adminconsent") {
      if (!user.isAdmin) {
        pending.delete(request.id);
        return html(
          c,
          errorPage(
            `${describe(90094)} Only an administrator of your organization can grant ${request.client.displayName} for everyone. Ask your administrator.`,
          ),
          403,
        );
      }
      const page = adminConsentPage({
        action: `/${request.tenantPath}/Consent/Set`,
        requestId: request.id,
        user,
        clientName: request.client.displayName,
        scopes: request.scopes,
      });
      return html(c, page);
    }
    const granted = grantedScopes(deps, request.client.clientId, user);
    const policy = tenantPolicy(deps, user.tenantId);
    const values = { client: request.client.clientId, name: request.client.displayName };
    if (!user.isAdmin) {
      const notConsentable = request.scopes.filter((scope) => !userMayConsent(policy, scope));
      // prompt=consent asks the user to consent to every scope again: where one is not
      // theirs to give, they are blocked even though an admin granted it (the loop).
      const blocked =
        request.prompt === "consent" ? notConsentable : notConsentable.filter((scope) => !granted.has(scope));
      if (blocked.length > 0) {
        if (request.prompt === "none") return fail("consent_required", describe(65001, values));
        if (policy.adminApprovalRedirect) return fail("access_denied", describe(90094));
        pending.set(request.id, request);
        const cancel = new URL(errorRedirect(request.redirectUri, request.state, "access_denied", describe(65004)));
        cancel.searchParams.set("error_subcode", "cancel");
        const page = adminApprovalPage({
          action: `/${request.tenantPath}/adminapproval/request`,
          requestId: request.id,
          user,
          clientName: request.client.displayName,
          scopes: request.prompt === "consent" ? blocked : request.scopes.filter((scope) => !granted.has(scope)),
          workflow: policy.adminConsentWorkflow,
          returnUrl: cancel.toString(),
        });
        return html(c, page);
      }
    }
    const missing = request.scopes.filter((scope) => !granted.has(scope));
    if (request.prompt === "none")
      return missing.length > 0 ? fail("consent_required", describe(65001, values)) : issueCode(c, request, user);
    if (missing.length > 0 || request.prompt === "consent") {
      pending.set(request.id, request);
      const page = consentPage({
        action: `/${request.tenantPath}/Consent/Set`,
        requestId: request.id,
        user,
        clientName: request.client.displayName,
        scopes: request.scopes,
        offerOrganization: user.isAdmin,
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
