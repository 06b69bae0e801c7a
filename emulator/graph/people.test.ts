// People search for the mention picker: /users?$search (ConsistencyLevel: eventual) and /me/people.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../data/demo-accounts";
import { graphSetup, type GraphFixture } from "./test/fixture";

let t: GraphFixture;
beforeAll(async () => {
  t = await graphSetup();
});
afterAll(async () => t?.close());

const eventual = { ConsistencyLevel: "eventual" };
const search = (query: string, headers: Record<string, string> = eventual) =>
  t.graph(`/users?$search=${encodeURIComponent(query)}&$select=id,displayName,mail,userPrincipalName`, { headers });

describe("GET /users?$search", () => {
  it("needs ConsistencyLevel: eventual, with Graph's 400 otherwise", async () => {
    const refused = await search('"displayName:meg"', {});
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: "Request_UnsupportedQuery",
      message:
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    });
  });

  it("matches word prefixes of the caller's tenant only and returns just the selected properties", async () => {
    const found = await search('"displayName:meg"');
    expect(found.status).toBe(200);
    expect(found.body["@odata.context"]).toContain("users(id,displayName,mail,userPrincipalName)");
    expect(found.body.value).toEqual([
      { id: t.userId(A.megan.email), displayName: A.megan.name, mail: A.megan.email, userPrincipalName: A.megan.email },
    ]);
    // "bow" starts the second word of "Megan Bowen".
    expect((await search('"displayName:bow"')).body.value.map((u: { mail: string }) => u.mail)).toEqual([
      A.megan.email,
    ]);
    const either = await search('"displayName:alex" OR "mail:adele"');
    expect(either.body.value.map((u: { mail: string }) => u.mail).sort()).toEqual([A.adele.email, A.alex.email]);
    // Sara is in Fabrikam: never visible to Contoso's users.
    expect((await search('"displayName:sara"')).body.value).toEqual([]);
  });

  it("pages with $top, counts with $count=true, and refuses unknown $select properties and bad clauses", async () => {
    const first = await t.graph("/users?$top=5&$count=true&$search=%22mail:contoso%22", { headers: eventual });
    expect(first.body.value).toHaveLength(5);
    expect(first.body["@odata.count"]).toBe(t.dataset().tenant(A.megan.tenantId)!.users.length);
    const second = await t.graph(first.body["@odata.nextLink"], { headers: eventual });
    expect(second.body.value[0].id).not.toBe(first.body.value[0].id);
    expect((await t.graph("/users?$top=1000")).status).toBe(400);
    expect((await t.graph("/users?$select=id,password")).status).toBe(400);
    expect((await search("displayName:meg")).status).toBe(400);
    expect((await search('"jobTitle:director"')).status).toBe(400);
  });
});

describe("GET /me/people", () => {
  it("ranks the colleagues Megan shares chats with and filters by $search", async () => {
    const people = await t.graph("/me/people?$top=5");
    expect(people.status).toBe(200);
    expect(people.body.value).toHaveLength(5);
    expect(people.body.value[0]).toMatchObject({
      personType: { class: "Person", subclass: "OrganizationUser" },
      scoredEmailAddresses: [expect.objectContaining({ address: expect.stringContaining("@contoso.example") })],
    });
    const alex = await t.graph('/me/people?$search="alex"');
    expect(alex.body.value.map((p: { userPrincipalName: string }) => p.userPrincipalName)).toEqual([A.alex.email]);
  });
});
