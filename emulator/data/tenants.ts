/**
 * The two demo tenants. Contoso is the everyday tenant (Megan has 130 chats, so the
 * chat list needs several pages); Fabrikam is the strict one: its non-admin user needs
 * an admin to consent to ChannelMessage.Read.All.
 */
import { generateTenant, type TenantOptions } from "./generate";
import { CONTOSO_PEOPLE, FABRIKAM_PEOPLE } from "./people";
import type { Tenant } from "./types";
import { DEMO_TENANTS } from "./demo-accounts";

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
    adminConsentScopes: ["ChannelMessage.Read.All"],
  };
}

export function demoTenants(): Tenant[] {
  return [generateTenant(contosoOptions()), generateTenant(fabrikamOptions())];
}
