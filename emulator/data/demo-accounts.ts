/**
 * Microsoft demo accounts of the emulated tenants, for e2e tests and the README.
 * These are Entra ID users (contoso.example), not the app's own accounts (example.com).
 * Kept free of imports so Playwright specs can use it without pulling in the generator.
 */
export const DEMO_PASSWORD = "password";

export const DEMO_TENANTS = {
  contoso: { id: "6e1b8a3c-2f4d-4b7e-9c1a-0d5f3e2a7b64", domain: "contoso.example", name: "Contoso" },
  fabrikam: { id: "3f9d2c7a-8b1e-4a6d-b5c3-e2f14a907d28", domain: "fabrikam.example", name: "Fabrikam" },
} as const;

export const DEMO_MICROSOFT_ACCOUNTS = {
  /** 130 chats (several pages), member of every team but "Leadership". */
  megan: { email: "megan@contoso.example", password: DEMO_PASSWORD, name: "Megan Bowen", tenantId: DEMO_TENANTS.contoso.id },
  alex: { email: "alex@contoso.example", password: DEMO_PASSWORD, name: "Alex Wilber", tenantId: DEMO_TENANTS.contoso.id },
  adele: { email: "adele@contoso.example", password: DEMO_PASSWORD, name: "Adele Vance", tenantId: DEMO_TENANTS.contoso.id },
  lee: { email: "lee@contoso.example", password: DEMO_PASSWORD, name: "Lee Gu", tenantId: DEMO_TENANTS.contoso.id },
  /** Contoso tenant admin. */
  nestor: { email: "nestor@contoso.example", password: DEMO_PASSWORD, name: "Nestor Wilke", tenantId: DEMO_TENANTS.contoso.id },
  /** Fabrikam admin: may grant the admin-only scopes on the consent page. */
  ravi: { email: "ravi@fabrikam.example", password: DEMO_PASSWORD, name: "Ravi Kumar", tenantId: DEMO_TENANTS.fabrikam.id },
  /** Fabrikam user: asking for ChannelMessage.Read.All gets AADSTS90094 (admin approval needed). */
  sara: { email: "sara@fabrikam.example", password: DEMO_PASSWORD, name: "Sara Davis", tenantId: DEMO_TENANTS.fabrikam.id },
} as const;
