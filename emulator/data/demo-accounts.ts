/**
 * Microsoft demo accounts of the emulated tenants, for e2e tests and the README.
 * These are Entra ID users (contoso.example), not the app's own accounts (example.com).
 * Kept free of imports so Playwright specs can use it without pulling in the generator.
 */
export const DEMO_PASSWORD = "password";

export const DEMO_TENANTS = {
  contoso: { id: "6e1b8a3c-2f4d-4b7e-9c1a-0d5f3e2a7b64", domain: "contoso.example", name: "Contoso" },
  fabrikam: { id: "3f9d2c7a-8b1e-4a6d-b5c3-e2f14a907d28", domain: "fabrikam.example", name: "Fabrikam" },
  northwind: { id: "b7c1e0d4-5a2f-4c8e-9d3b-7f6a1e2c4d59", domain: "northwind.example", name: "Northwind" },
  /** Microsoft's real tenant id for personal accounts (`consumers`). */
  personal: {
    id: "9188040d-6c67-4c5b-b112-36a304b66dad",
    domain: "outlook.example",
    name: "Personal Microsoft accounts",
  },
} as const;

/**
 * Each tenant's consent policy as seeded (the control API can override it):
 * - Contoso: users consent to everything they may; an admin has granted the Nango app
 *   ChannelMessage.Read.All tenant-wide, so users connect with the full scope set.
 * - Fabrikam: users may consent to nothing; the admin-consent request workflow is on; no
 *   tenant-wide grant until an admin gives one.
 * - Northwind: users may consent only to low-impact permissions (openid, profile, email,
 *   offline_access, User.Read); no workflow, no grant.
 * - Personal: no admin, no policy; tokens are opaque and there is no Teams work data.
 */
export const DEMO_TENANT_POLICIES = {
  contoso: { userConsent: "all", adminConsentWorkflow: false, tenantWideGrant: ["ChannelMessage.Read.All"] },
  fabrikam: { userConsent: "none", adminConsentWorkflow: true, tenantWideGrant: [] },
  northwind: { userConsent: "low_impact", adminConsentWorkflow: false, tenantWideGrant: [] },
  personal: { userConsent: "all", adminConsentWorkflow: false, tenantWideGrant: [] },
} as const;

export const DEMO_MICROSOFT_ACCOUNTS = {
  /** 130 chats (several pages), member of every team but "Leadership". */
  megan: {
    email: "megan@contoso.example",
    password: DEMO_PASSWORD,
    name: "Megan Bowen",
    tenantId: DEMO_TENANTS.contoso.id,
  },
  alex: {
    email: "alex@contoso.example",
    password: DEMO_PASSWORD,
    name: "Alex Wilber",
    tenantId: DEMO_TENANTS.contoso.id,
  },
  adele: {
    email: "adele@contoso.example",
    password: DEMO_PASSWORD,
    name: "Adele Vance",
    tenantId: DEMO_TENANTS.contoso.id,
  },
  lee: { email: "lee@contoso.example", password: DEMO_PASSWORD, name: "Lee Gu", tenantId: DEMO_TENANTS.contoso.id },
  /** Contoso tenant admin. */
  nestor: {
    email: "nestor@contoso.example",
    password: DEMO_PASSWORD,
    name: "Nestor Wilke",
    tenantId: DEMO_TENANTS.contoso.id,
  },
  /** Fabrikam admin: may grant the admin-only scopes on the consent page. */
  ravi: {
    email: "ravi@fabrikam.example",
    password: DEMO_PASSWORD,
    name: "Ravi Kumar",
    tenantId: DEMO_TENANTS.fabrikam.id,
  },
  /** Fabrikam user: may consent to nothing; meets "Need admin approval" (with "Request approval") until Ravi grants the app. */
  sara: {
    email: "sara@fabrikam.example",
    password: DEMO_PASSWORD,
    name: "Sara Davis",
    tenantId: DEMO_TENANTS.fabrikam.id,
  },
  /** Northwind user: may consent to low-impact permissions only. */
  nina: {
    email: "nina@northwind.example",
    password: DEMO_PASSWORD,
    name: "Nina Park",
    tenantId: DEMO_TENANTS.northwind.id,
  },
  /** Northwind admin. */
  omar: {
    email: "omar@northwind.example",
    password: DEMO_PASSWORD,
    name: "Omar Haddad",
    tenantId: DEMO_TENANTS.northwind.id,
  },
  /** Personal Microsoft account: opaque tokens (no tid), /organization is empty, no Teams data. */
  pat: {
    email: "pat@outlook.example",
    password: DEMO_PASSWORD,
    name: "Pat Taylor",
    tenantId: DEMO_TENANTS.personal.id,
  },
} as const;
