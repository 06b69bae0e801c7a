import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTenantEntries } from "./tenant-entries";
import { openTestDatabase } from "./testing";

type Db = Awaited<ReturnType<typeof openTestDatabase>>["db"];
let db: Db;
let close: () => Promise<void>;
let updateAllowedTenants: typeof import("./update-allowed-tenants").updateAllowedTenants;
let listAuditLog: typeof import("./list-audit").listAuditLog;
let isTenantAllowed: typeof import("@/lib/settings/allowed-tenants").isTenantAllowed;

const admin = { id: "9b2f5c1e-0000-4000-8000-000000000001", email: "admin@example.com" };
const CONTOSO = "6f1c1a4e-1b2d-4c3e-9f00-0000000c0450";
const FABRIKAM = "7a2d2b5f-2c3e-4d4f-8a11-0000000fab01";

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  ({ updateAllowedTenants } = await import("./update-allowed-tenants"));
  ({ listAuditLog } = await import("./list-audit"));
  ({ isTenantAllowed } = await import("@/lib/settings/allowed-tenants"));
});
afterAll(() => close?.());

describe("parseTenantEntries", () => {
  it("accepts tenant ids and domain names, lower-cased and de-duplicated", () => {
    expect(parseTenantEntries(`${CONTOSO.toUpperCase()}, contoso.example\nContoso.Example  x y..z`)).toEqual({
      ids: [CONTOSO],
      domains: ["contoso.example"],
      invalid: ["x", "y..z"],
    });
    expect(parseTenantEntries("")).toEqual({ ids: [], domains: [], invalid: [] });
  });
});

describe("updateAllowedTenants", () => {
  const resolve = async (domain: string) =>
    domain === "fabrikam.example" ? FABRIKAM : Promise.reject(new Error(domain));

  it("stores domains as tenant ids, enforces the list and audits before/after", async () => {
    const result = await updateAllowedTenants(admin, [CONTOSO, "fabrikam.example"], resolve);
    expect(result).toEqual({ tenants: [CONTOSO, FABRIKAM], resolved: { "fabrikam.example": FABRIKAM } });
    expect(await isTenantAllowed(FABRIKAM)).toBe(true);
    expect(await isTenantAllowed("00000000-0000-4000-8000-000000000000")).toBe(false);
    const [entry] = (await listAuditLog({ action: "settings.allowed_tenants_changed" })).rows;
    expect(entry).toMatchObject({ actorEmail: admin.email, details: { before: [], after: [CONTOSO, FABRIKAM] } });
  });

  it("refuses invalid entries without saving anything; an empty list allows any tenant", async () => {
    await expect(updateAllowedTenants(admin, ["not a tenant!"], resolve)).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(await isTenantAllowed(FABRIKAM)).toBe(true);
    await updateAllowedTenants(admin, [], resolve);
    expect(await isTenantAllowed("00000000-0000-4000-8000-000000000000")).toBe(true);
  });
});

describe("listAuditLog", () => {
  it("lists newest first and filters by action and by actor or target email", async () => {
    await db.auditLog.create({
      data: { action: "connection.created", targetEmail: "megan@example.com", at: new Date(Date.now() + 60_000) },
    });
    const all = await listAuditLog({});
    expect(all.total).toBe(3);
    expect(all.rows[0]).toMatchObject({ action: "connection.created", actorEmail: null });
    expect((await listAuditLog({ email: "MEGAN" })).rows.map((r) => r.action)).toEqual(["connection.created"]);
    expect((await listAuditLog({ email: "admin@" })).total).toBe(2);
    expect((await listAuditLog({ action: "reprompt.requested" })).total).toBe(0);
  });
});
