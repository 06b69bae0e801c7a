import { describe, expect, it } from "vitest";
import { loadDataset } from "./dataset";
import { DEMO_MICROSOFT_ACCOUNTS, DEMO_TENANTS } from "./demo-accounts";
import { generateTenant } from "./generate";
import { contosoOptions } from "./tenants";

describe("demo data", () => {
  it("is deterministic", () => {
    const a = loadDataset({ name: "demo" });
    const b = loadDataset({ name: "demo" });
    expect(JSON.stringify(a.tenants)).toBe(JSON.stringify(b.tenants));
    const chat = a.tenants[0]!.chats[0]!;
    expect(a.chatMessages(chat)).toEqual(b.chatMessages(b.chats.get(chat.id)!));
  });

  it("matches the exported demo accounts and has the promised shape", () => {
    const data = loadDataset({ name: "demo" });
    for (const account of Object.values(DEMO_MICROSOFT_ACCOUNTS)) {
      const user = data.usersByEmail.get(account.email)!;
      expect(user).toMatchObject({ displayName: account.name, tenantId: account.tenantId, password: account.password });
    }
    const contoso = data.tenant(DEMO_TENANTS.contoso.id)!;
    expect(contoso.teams.length).toBeGreaterThanOrEqual(8);
    expect(contoso.teams.filter((t) => t.isArchived)).toHaveLength(1);
    const megan = data.usersByEmail.get(DEMO_MICROSOFT_ACCOUNTS.megan.email)!;
    expect(data.chatsOf(megan.id).length).toBeGreaterThanOrEqual(120);
    // One tenant per consent policy, as the README's table says.
    expect(data.tenant(DEMO_TENANTS.contoso.domain)!.policy).toMatchObject({
      userConsent: "all",
      tenantWideGrant: ["ChannelMessage.Read.All"],
    });
    expect(data.tenant(DEMO_TENANTS.fabrikam.domain)!.policy).toMatchObject({
      userConsent: "none",
      adminConsentWorkflow: true,
      tenantWideGrant: [],
    });
    expect(data.tenant(DEMO_TENANTS.northwind.domain)!.policy).toMatchObject({
      userConsent: "low_impact",
      adminConsentWorkflow: false,
    });
    expect(data.tenant(DEMO_TENANTS.personal.id)!.kind).toBe("consumers");
    expect(data.usersByEmail.get(DEMO_MICROSOFT_ACCOUNTS.ravi.email)!.isAdmin).toBe(true);
    expect(data.usersByEmail.get(DEMO_MICROSOFT_ACCOUNTS.omar.email)!.isAdmin).toBe(true);
    expect(data.usersByEmail.get(DEMO_MICROSOFT_ACCOUNTS.sara.email)!.isAdmin).toBe(false);
  });

  it("generates a large tenant quickly, messages only on demand", () => {
    const started = performance.now();
    const tenant = generateTenant(contosoOptions({ chats: 5_000, extraUsers: 300 }));
    expect(tenant.chats.length).toBeGreaterThanOrEqual(5_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
