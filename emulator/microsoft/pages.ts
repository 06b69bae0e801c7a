/**
 * Server-rendered pages of the emulated sign-in experience. Headings are stable
 * ("Sign in", "Permissions requested", "Sorry, but we're having trouble signing you in")
 * so tests can tell the pages apart; every control has an accessible name.
 */
import { escapeHtml as e } from "../data/messages";
import type { TenantUser } from "../data/types";
import { SCOPE_DESCRIPTIONS } from "./scopes";

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1b1b1b}
main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 16px}
label{display:block;margin:12px 0 4px}
input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:6px;border:0;border-bottom:1px solid #666;font-size:15px}
button{background:#0067b8;color:#fff;border:0;padding:8px 20px;font-size:15px;cursor:pointer;margin-top:16px}
button.secondary{background:#ccc;color:#1b1b1b}
ul.accounts{list-style:none;padding:0}ul.accounts button{width:100%;text-align:left;background:#fff;color:#1b1b1b;border:1px solid #ccc}
[role=alert]{color:#e81123}
.small{font-size:13px;color:#555}
</style></head>
<body><main>${body}</main></body></html>`;
}

export interface SignInPageInput {
  action: string;
  requestId: string;
  accounts: TenantUser[];
  clientName: string;
  error?: string;
  login?: string;
}

export function signInPage(input: SignInPageInput): string {
  const accounts = input.accounts
    .map(
      (user) =>
        `<li><button type="submit" name="account" value="${e(user.mail)}" aria-label="Sign in as ${e(user.displayName)} (${e(user.mail)})">${e(user.displayName)} <span class="small">${e(user.mail)}</span></button></li>`,
    )
    .join("");
  const body = `<p class="small">Microsoft (emulated)</p>
<h1>Sign in</h1>
<p>to continue to <strong>${e(input.clientName)}</strong></p>
${input.error ? `<p role="alert">${e(input.error)}</p>` : ""}
<form method="post" action="${e(input.action)}">
  <input type="hidden" name="ctx" value="${e(input.requestId)}">
  <label for="login">Email, phone, or Skype</label>
  <input id="login" name="login" type="email" autocomplete="username" required value="${e(input.login ?? "")}">
  <label for="passwd">Password</label>
  <input id="passwd" name="passwd" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<section aria-labelledby="pick"><h2 id="pick" style="font-size:17px">Pick an account</h2>
<form method="post" action="${e(input.action)}"><input type="hidden" name="ctx" value="${e(input.requestId)}">
<ul class="accounts">${accounts}</ul></form></section>
<p class="small">Demo accounts use the password <code>password</code>.</p>`;
  return layout("Sign in to your account", body);
}

export interface ConsentPageInput {
  action: string;
  requestId: string;
  user: TenantUser;
  clientName: string;
  scopes: string[];
  /** Admins get "Consent on behalf of your organization" (unticked: consent for themselves only). */
  offerOrganization: boolean;
}

function scopeList(scopes: string[]): string {
  return scopes
    .map((scope) => `<li>${e(SCOPE_DESCRIPTIONS[scope] ?? scope)} <span class="small">(${e(scope)})</span></li>`)
    .join("");
}

export function consentPage(input: ConsentPageInput): string {
  const org = input.offerOrganization
    ? `<p><label><input type="checkbox" name="consentOnBehalf" value="on"> Consent on behalf of your organization</label></p>
<p class="small">If you don't check this box, only you will have access. Checking it grants these permissions to everyone in your organization; nobody else will see a consent screen.</p>`
    : "";
  const body = `<p class="small">${e(input.user.mail)}</p>
<h1>Permissions requested</h1>
<p><strong>${e(input.clientName)}</strong> would like to:</p>
<ul aria-label="Requested permissions">${scopeList(input.scopes)}</ul>
<form method="post" action="${e(input.action)}">
  <input type="hidden" name="ctx" value="${e(input.requestId)}">
  ${org}
  <button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
  <button type="submit" name="decision" value="accept">Accept</button>
</form>`;
  return layout("Permissions requested", body);
}

export interface AdminApprovalPageInput {
  action: string;
  requestId: string;
  user: TenantUser;
  clientName: string;
  scopes: string[];
  /** The tenant lets users ask an admin: a justification box and "Request approval". */
  workflow: boolean;
  /** "Return to the application without granting consent": a plain link, never followed by itself. */
  returnUrl: string;
}

/** Entra ID's "Need admin approval": it stays open until the user does something. */
export function adminApprovalPage(input: AdminApprovalPageInput): string {
  const request = input.workflow
    ? `<form method="post" action="${e(input.action)}">
  <input type="hidden" name="ctx" value="${e(input.requestId)}">
  <label for="justification">Enter justification for requesting this app</label>
  <textarea id="justification" name="justification" rows="4" style="width:100%"></textarea>
  <button type="submit">Request approval</button>
</form>`
    : `<p>${e(input.clientName)} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>`;
  const body = `<p class="small">${e(input.user.mail)}</p>
<h1>Need admin approval</h1>
<p><strong>${e(input.clientName)}</strong> needs these permissions, which only an admin can grant:</p>
<ul aria-label="Permissions needing approval">${scopeList(input.scopes)}</ul>
${request}
<p><a href="${e(input.returnUrl)}">Return to the application without granting consent</a></p>`;
  return layout("Need admin approval", body);
}

export function requestSentPage(user: TenantUser, clientName: string): string {
  const body = `<p class="small">${e(user.mail)}</p>
<h1>Request sent</h1>
<p role="status">Your request for <strong>${e(clientName)}</strong> was sent to your administrators. You'll get an email when it's reviewed. You can close this window.</p>`;
  return layout("Request sent", body);
}

export interface AdminConsentPageInput {
  action: string;
  requestId: string;
  user: TenantUser;
  clientName: string;
  scopes: string[];
}

/** The `/adminconsent` endpoint's page: accepting grants everything for the whole organization. */
export function adminConsentPage(input: AdminConsentPageInput): string {
  const body = `<p class="small">${e(input.user.mail)}</p>
<h1>Permissions requested for your organization</h1>
<p><strong>${e(input.clientName)}</strong> would like to (for everyone in your organization):</p>
<ul aria-label="Requested permissions">${scopeList(input.scopes)}</ul>
<p>Accepting grants these permissions to this app for all users in your organization.</p>
<form method="post" action="${e(input.action)}">
  <input type="hidden" name="ctx" value="${e(input.requestId)}">
  <button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
  <button type="submit" name="decision" value="accept">Accept</button>
</form>`;
  return layout("Permissions requested for your organization", body);
}

export function errorPage(description: string): string {
  const body = `<h1>Sorry, but we're having trouble signing you in.</h1>
<p role="alert">${e(description)}</p>`;
  return layout("Sign in error", body);
}
