/**
 * The state and decisions of the interactive flow (see authorize.ts): the pending
 * sign-in requests, the pages it answers with, `proceed`, which decides what the user
 * must see next the way Entra ID does, and `issueCode`, the redirect back with a code.
 * The routes of authorize.ts and admin-consent.ts re-enter it at every step.
 */
import type { Context } from "hono";
import { randomUUID } from "node:crypto";
import type { TenantUser } from "../data/types";
import { describe, errorRedirect } from "./aad-errors";
import type { PendingAuthorize } from "./authorize-request";
import { data, grantedScopes, MULTI_TENANT, tenantPolicy, userMayConsent, type LoginDeps } from "./deps";
import { adminApprovalPage, adminConsentPage, consentPage, errorPage, signInPage } from "./pages";
import { opaqueToken } from "./state";

const PENDING_TTL_MS = 30 * 60_000;
const CODE_TTL_MS = 10 * 60_000;

export type AuthorizeFlow = ReturnType<typeof createAuthorizeFlow>;

export function createAuthorizeFlow(deps: LoginDeps) {
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
        // Incremental consent: only what is new, unless prompt=consent asks for all again.
        scopes: request.prompt === "consent" ? request.scopes : missing,
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

  return { pending, html, showSignIn, lookup, expired, proceed, issueCode };
}
