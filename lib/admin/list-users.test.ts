import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GRAPH_SCOPES } from "@/test-support/scopes";
import { openTestDatabase } from "./testing";

type Db = Awaited<ReturnType<typeof openTestDatabase>>["db"];
let db: Db;
let close: () => Promise<void>;
let listUsers: typeof import("./list-users").listUsers;
let findUserIdsMatching: typeof import("./list-users").findUserIdsMatching;

const ids: Record<string, string> = {};

async function user(
  key: string,
  name: string,
  email: string,
  connection?: {
    status?: "connected" | "needs_reconnect" | "revoked";
    scopes: string[];
    account?: string;
    integrationId?: string;
  },
) {
  const row = await db.user.create({ data: { name, email } });
  ids[key] = row.id;
  if (connection) {
    await db.teamsConnection.create({
      data: {
        userId: row.id,
        integrationId: connection.integrationId ?? "microsoft-teams",
        nangoConnectionId: `conn-${key}`,
        tenantId: "11111111-1111-4111-8111-111111111111",
        accountEmail: connection.account ?? null,
        grantedScopes: connection.scopes,
        status: connection.status ?? "connected",
        ...(connection.status === "needs_reconnect"
          ? { lastErrorCode: "grant_revoked", lastErrorMessage: "AADSTS50173", lastErrorAt: new Date() }
          : {}),
      },
    });
  }
}

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  ({ listUsers, findUserIdsMatching } = await import("./list-users"));
  await user("megan", "Megan Bowen", "megan@example.com", {
    scopes: DEFAULT_GRAPH_SCOPES,
    account: "meganb@contoso.example",
  });
  await user("alex", "Alex Wilber", "alex@example.com", {
    scopes: DEFAULT_GRAPH_SCOPES.filter((s) => s !== "Chat.Read"),
  });
  await user("lower", "Lee Gu", "lee@example.com", { scopes: DEFAULT_GRAPH_SCOPES.map((s) => s.toLowerCase()) });
  // Stored as Microsoft returns it: prefixed names, with OIDC scopes mixed in.
  await user("prefixed", "Pia Prefixed", "pia@example.com", {
    scopes: ["openid", "profile", ...DEFAULT_GRAPH_SCOPES.map((s) => `https://graph.microsoft.com/${s}`)],
  });
  await user("broken", "Nestor Wilke", "nestor@example.com", { status: "needs_reconnect", scopes: ["User.Read"] });
  await user("revoked", "Raul Razo", "raul@example.com", { status: "revoked", scopes: DEFAULT_GRAPH_SCOPES });
  // Connected to another integration only: not connected to Teams.
  await user("other", "Omar Other", "omar@example.com", {
    scopes: DEFAULT_GRAPH_SCOPES,
    integrationId: "something-else",
  });
  await user("percent", "Pat 100% Percent", "pat@example.com");
  await db.user.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      name: `Zz Bulk ${String(i).padStart(3, "0")}`,
      email: `bulk${i}@example.com`,
    })),
  });
});
afterAll(() => close?.());

const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describe("listUsers", () => {
  it("pages every user by name, 50 per page, with the total", async () => {
    const first = await listUsers({}, 1);
    expect(first.total).toBe(128);
    expect(first.pageCount).toBe(3);
    expect(first.rows).toHaveLength(50);
    expect(names(first).slice(0, 3)).toEqual(["Alex Wilber", "Lee Gu", "Megan Bowen"]);
    const last = await listUsers({}, 3);
    expect(last.rows).toHaveLength(28);
    expect(last.rows.at(-1)?.name).toBe("Zz Bulk 119");
    // Out-of-range pages are clamped rather than empty.
    expect((await listUsers({}, 99)).page).toBe(3);
  });

  it("computes each user's connection health and the scopes they miss", async () => {
    const rows = (await listUsers({ q: "example.com" }, 1)).rows;
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName["Megan Bowen"]).toMatchObject({
      health: "connected",
      missingScopes: [],
      connection: { accountEmail: "meganb@contoso.example" },
    });
    expect(byName["Alex Wilber"]).toMatchObject({ health: "missing_scopes", missingScopes: ["Chat.Read"] });
    expect(byName["Lee Gu"]).toMatchObject({ health: "connected", missingScopes: [] });
    expect(byName["Pia Prefixed"]).toMatchObject({ health: "connected", missingScopes: [] });
    expect(byName["Nestor Wilke"]).toMatchObject({
      health: "needs_reconnect",
      connection: { lastError: { code: "grant_revoked" } },
    });
    expect(byName["Nestor Wilke"]?.missingScopes).toContain("Chat.Read");
    expect(byName["Raul Razo"]).toMatchObject({ health: "revoked" });
    expect(byName["Omar Other"]).toMatchObject({ health: "not_connected", connection: null });
  });

  it("filters by status in SQL, including missing scopes (prefixed or short names, any case, OIDC scopes ignored)", async () => {
    expect(names(await listUsers({ status: "missing_scopes" }))).toEqual(["Alex Wilber"]);
    expect(names(await listUsers({ status: "connected" }))).toEqual(["Lee Gu", "Megan Bowen", "Pia Prefixed"]);
    expect(names(await listUsers({ status: "needs_reconnect" }))).toEqual(["Nestor Wilke"]);
    expect(names(await listUsers({ status: "revoked" }))).toEqual(["Raul Razo"]);
    const notConnected = await listUsers({ status: "not_connected" });
    expect(notConnected.total).toBe(122);
    expect(names(notConnected).slice(0, 2)).toEqual(["Omar Other", "Pat 100% Percent"]);
  });

  it("flags connections that lack a newly required scope", async () => {
    const required = ["offline_access", ...DEFAULT_GRAPH_SCOPES, "Files.Read"];
    expect(names(await listUsers({ status: "missing_scopes" }, 1, required))).toEqual([
      "Alex Wilber",
      "Lee Gu",
      "Megan Bowen",
      "Pia Prefixed",
    ]);
    const megan = (await listUsers({ q: "megan" }, 1, required)).rows[0];
    expect(megan?.missingScopes).toEqual(["Files.Read"]);
  });

  it("searches name, email and Microsoft account, treating % and _ literally", async () => {
    expect(names(await listUsers({ q: "MEGAN" }))).toEqual(["Megan Bowen"]);
    expect(names(await listUsers({ q: "contoso.example" }))).toEqual(["Megan Bowen"]);
    expect(names(await listUsers({ q: "100%" }))).toEqual(["Pat 100% Percent"]);
    expect((await listUsers({ q: "%" })).total).toBe(1);
    expect((await listUsers({ q: "bulk1" })).total).toBe(31); // bulk1, bulk10-19, bulk100-119
    expect(names(await listUsers({ q: "wilber", status: "missing_scopes" }))).toEqual(["Alex Wilber"]);
    expect((await listUsers({ q: "wilber", status: "connected" })).total).toBe(0);
  });

  it("lists every matching id across pages for bulk actions", async () => {
    expect(await findUserIdsMatching({ status: "missing_scopes" })).toEqual([ids.alex]);
    expect(await findUserIdsMatching({ status: "not_connected" })).toHaveLength(122);
  });
});
