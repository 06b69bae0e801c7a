/** What the login routes share: persisted state, the dataset, app registrations, origin. */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { EmulatorContext } from "../core/context";
import type { Section } from "../core/store";
import { registeredClients, type RegisteredClient } from "../data/clients";
import type { Dataset } from "../data/dataset";
import { datasetOf, type DatasetHolder } from "../data/registry";
import type { TenantUser, UserConsentPolicy } from "../data/types";
import { ADMIN_ONLY_SCOPES, LOW_IMPACT_SCOPES } from "./scopes";
import { identityState, type IdentityState } from "./state";

/** Distinctive name: cookies are shared by every port of localhost, the app's included. */
export const SESSION_COOKIE = "emu_ests";
/** Path tenants that are not a tenant: multi-tenant endpoints. */
export const MULTI_TENANT = new Set(["common", "organizations", "consumers"]);

export interface LoginDeps {
  ctx: EmulatorContext;
  state: Section<IdentityState>;
  datasets: DatasetHolder;
  clients: RegisteredClient[];
  origin: string;
}

export function loginDeps(ctx: EmulatorContext): LoginDeps {
  return {
    ctx,
    state: identityState(ctx),
    datasets: datasetOf(ctx),
    clients: registeredClients(ctx.config),
    origin: ctx.config.origins.login,
  };
}

export function data(deps: LoginDeps): Dataset {
  return deps.datasets.current;
}

export function sessionUser(deps: LoginDeps, c: Context): TenantUser | undefined {
  const id = getCookie(c, SESSION_COOKIE);
  const session = id ? deps.state.data.sessions[id] : undefined;
  return session ? data(deps).users.get(session.userId) : undefined;
}

export interface EffectivePolicy {
  tenantId: string;
  userConsent: UserConsentPolicy;
  adminConsentWorkflow: boolean;
  /** Admin-only scopes in this tenant: Microsoft's, plus the tenant's extras, minus exemptions. */
  adminOnlyScopes: string[];
  adminApprovalRedirect: boolean;
}

/** The tenant's consent policy: the dataset's, overridden by the control API. */
export function tenantPolicy(deps: LoginDeps, tenantId: string): EffectivePolicy {
  const tenant = data(deps).tenant(tenantId);
  const override = deps.state.data.tenantPolicies[tenantId] ?? {};
  const exempt = new Set(override.exempt ?? []);
  // Personal accounts have no administrator: nothing there is admin-only.
  const base = tenant?.kind === "consumers" ? [] : [...ADMIN_ONLY_SCOPES, ...(tenant?.policy.adminConsentScopes ?? [])];
  const adminOnly = [...new Set([...base, ...(override.extraAdminOnly ?? [])])].filter((scope) => !exempt.has(scope));
  return {
    tenantId,
    userConsent: override.userConsent ?? tenant?.policy.userConsent ?? "all",
    adminConsentWorkflow: override.adminConsentWorkflow ?? tenant?.policy.adminConsentWorkflow ?? false,
    adminOnlyScopes: adminOnly,
    adminApprovalRedirect: override.adminApprovalRedirect ?? false,
  };
}

/** Whether a non-admin user of the tenant may consent to this scope themselves. */
export function userMayConsent(policy: EffectivePolicy, scope: string): boolean {
  if (policy.adminOnlyScopes.includes(scope)) return false;
  if (policy.userConsent === "none") return false;
  if (policy.userConsent === "low_impact") return LOW_IMPACT_SCOPES.has(scope);
  return true;
}

/** Scopes an admin granted this client for the whole tenant (state, else the dataset's seed for the Nango app). */
export function tenantGrant(deps: LoginDeps, tenantId: string, clientId: string): string[] {
  const stored = deps.state.data.adminConsents[`${tenantId}|${clientId}`];
  if (stored) return stored;
  const client = deps.clients.find((candidate) => candidate.clientId === clientId);
  return client?.kind === "nango" ? [...(data(deps).tenant(tenantId)?.policy.tenantWideGrant ?? [])] : [];
}

export function addTenantGrant(deps: LoginDeps, tenantId: string, clientId: string, scopes: string[]): void {
  deps.state.data.adminConsents[`${tenantId}|${clientId}`] = [
    ...new Set([...tenantGrant(deps, tenantId, clientId), ...scopes]),
  ];
  deps.state.changed();
}

/** Everything the user (or their admin, tenant-wide) has granted this client. */
export function grantedScopes(deps: LoginDeps, clientId: string, user: TenantUser): Set<string> {
  const { consents } = deps.state.data;
  return new Set([...(consents[`${clientId}|${user.id}`] ?? []), ...tenantGrant(deps, user.tenantId, clientId)]);
}
