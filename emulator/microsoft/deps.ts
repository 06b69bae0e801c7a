/** What the login routes share: persisted state, the dataset, app registrations, origin. */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { EmulatorContext } from "../core/context";
import type { Section } from "../core/store";
import { registeredClients, type RegisteredClient } from "../data/clients";
import type { Dataset } from "../data/dataset";
import { datasetOf, type DatasetHolder } from "../data/registry";
import type { TenantUser } from "../data/types";
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

/** Scopes only an admin may grant in this tenant (control API override, else the dataset). */
export function adminOnlyScopes(deps: LoginDeps, tenantId: string): string[] {
  return deps.state.data.policies[tenantId] ?? data(deps).tenant(tenantId)?.policy.adminConsentScopes ?? [];
}

/** Everything the user (or their admin, tenant-wide) has granted this client. */
export function grantedScopes(deps: LoginDeps, clientId: string, user: TenantUser): Set<string> {
  const { consents, adminConsents } = deps.state.data;
  return new Set([...(consents[`${clientId}|${user.id}`] ?? []), ...(adminConsents[`${user.tenantId}|${clientId}`] ?? [])]);
}
