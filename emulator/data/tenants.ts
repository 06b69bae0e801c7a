/**
 * The demo tenants, one per consent policy (see DEMO_TENANT_POLICIES). Contoso is the
 * everyday tenant (Megan has 130 chats, so the chat list needs several pages); Fabrikam is
 * the strict one (no user consent, admin-consent requests); Northwind allows low-impact
 * consent only; "Personal" holds a personal Microsoft account.
 */
import { generateTenant, type TenantOptions } from "./generate";
import { CONTOSO_PEOPLE, FABRIKAM_PEOPLE, NORTHWIND_PEOPLE, PERSONAL_PEOPLE } from "./people";
import type { Tenant } from "./types";
import { DEMO_TENANT_POLICIES, DEMO_TENANTS } from "./demo-accounts";

export const CONTOSO_TENANT_ID = DEMO_TENANTS.contoso.id;
export const FABRIKAM_TENANT_ID = DEMO_TENANTS.fabrikam.id;

export function contosoOptions(overrides: Partial<TenantOptions> = {}): TenantOptions {
  return {
    id: CONTOSO_TENANT_ID,
    displayName: "Contoso",
    domain: "contoso.example",
    people: CONTOSO_PEOPLE,
    focus: "megan",
    chats: 130,
    otherChats: 12,
    extraUsers: 24,
    ...DEMO_TENANT_POLICIES.contoso,
    tenantWideGrant: [...DEMO_TENANT_POLICIES.contoso.tenantWideGrant],
    ...overrides,
  };
}

export function fabrikamOptions(): TenantOptions {
  return {
    id: FABRIKAM_TENANT_ID,
    displayName: "Fabrikam",
    domain: "fabrikam.example",
    people: FABRIKAM_PEOPLE,
    focus: "sara",
    chats: 3,
    teams: 2,
    ...DEMO_TENANT_POLICIES.fabrikam,
    tenantWideGrant: [],
  };
}

export function northwindOptions(): TenantOptions {
  return {
    id: DEMO_TENANTS.northwind.id,
    displayName: "Northwind",
    domain: DEMO_TENANTS.northwind.domain,
    people: NORTHWIND_PEOPLE,
    focus: "nina",
    chats: 4,
    teams: 1,
    ...DEMO_TENANT_POLICIES.northwind,
    tenantWideGrant: [],
  };
}

export function personalOptions(): TenantOptions {
  return {
    id: DEMO_TENANTS.personal.id,
    displayName: DEMO_TENANTS.personal.name,
    domain: DEMO_TENANTS.personal.domain,
    people: PERSONAL_PEOPLE,
    focus: "pat",
    chats: 0,
    teams: 0,
    kind: "consumers",
    ...DEMO_TENANT_POLICIES.personal,
    tenantWideGrant: [],
  };
}

/** Tenants every dataset has besides Contoso. */
export function otherTenants(): Tenant[] {
  return [generateTenant(fabrikamOptions()), generateTenant(northwindOptions()), generateTenant(personalOptions())];
}

export function demoTenants(): Tenant[] {
  return [generateTenant(contosoOptions()), ...otherTenants()];
}
