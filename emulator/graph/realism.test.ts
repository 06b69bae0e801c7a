// Graph details apps get wrong: nextLink paths with decoded ids, $expand=replies with
// replies@odata.nextLink, the $filter/$orderby rules on chat messages, /organization.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A, DEMO_TENANTS } from "../data/demo-accounts";
import { tokensFor } from "../microsoft/test-browser";
import { startTestEmulator, type TestEmulator } from "../testing";

let emu: TestEmulator;
let megan: string;
const ALL =
  "offline_access User.Read Team.ReadBasic.All Channel.ReadBasic.All ChannelMessage.Read.All Chat.Read Presence.Read";

beforeAll(async () => {
  emu = await startTestEmulator();
  await emu.control("/graph/throttling", { enabled: false });
  megan = (await tokensFor(emu, A.megan.email, ALL)).access_token;
});
afterAll(async () => {
  await emu?.close();
});

async function graph(path: string, token = megan) {
  const url = path.startsWith("http") ? path : `${emu.origins.graph}/v1.0${path}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as any };
}

async function busyChat(): Promise<string> {
  const chats = (await graph("/me/chats?$top=50")).body.value as Array<{ id: string }>;
  for (const chat of chats) {
    const page = await graph(`/chats/${encodeURIComponent(chat.id)}/messages?$top=2`);
    if (page.body["@odata.nextLink"]) return chat.id;
  }
  throw new Error("no chat with two pages");
}

describe("@odata.nextLink", () => {
  it("carries the chat id decoded in its path, whichever form the caller used, and both forms work", async () => {
    const id = await busyChat();
    const encoded = await graph(`/chats/${encodeURIComponent(id)}/messages?$top=2`);
    const decoded = await graph(`/chats/${id}/messages?$top=2`);
    expect(decoded.status).toBe(200);
    for (const page of [encoded, decoded]) {
      const link = page.body["@odata.nextLink"] as string;
      expect(link.startsWith(`${emu.origins.graph}/v1.0/chats/${id}/messages?`)).toBe(true);
      const next = await graph(link);
      expect(next.status).toBe(200);
      expect(next.body.value[0].id).not.toBe(page.body.value[0].id);
    }
    // The same skiptoken is valid on the encoded path too.
    const token = new URL(encoded.body["@odata.nextLink"]).searchParams.get("$skiptoken")!;
    expect(
      (await graph(`/chats/${encodeURIComponent(id)}/messages?$top=2&$skiptoken=${encodeURIComponent(token)}`)).status,
    ).toBe(200);
  });
});

describe("chat messages $filter", () => {
  it("needs $orderby on the same property; createdDateTime supports only lt", async () => {
    const id = encodeURIComponent(await busyChat());
    const at = new Date().toISOString();
    const alone = await graph(`/chats/${id}/messages?$filter=lastModifiedDateTime gt 2020-01-01T00:00:00Z`);
    expect(alone.status).toBe(400);
    expect(alone.body.error.code).toBe("BadRequest");
    expect(alone.body.error.innerError["request-id"]).toEqual(expect.any(String));
    expect(
      (
        await graph(
          `/chats/${id}/messages?$filter=lastModifiedDateTime gt 2020-01-01T00:00:00Z&$orderby=createdDateTime desc`,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await graph(
          `/chats/${id}/messages?$filter=lastModifiedDateTime gt 2020-01-01T00:00:00Z&$orderby=lastModifiedDateTime desc`,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await graph(
          `/chats/${id}/messages?$filter=createdDateTime gt 2020-01-01T00:00:00Z&$orderby=createdDateTime desc`,
        )
      ).status,
    ).toBe(400);
    const lt = await graph(`/chats/${id}/messages?$filter=createdDateTime lt ${at}&$orderby=createdDateTime desc`);
    expect(lt.status).toBe(200);
    expect(lt.body.value.length).toBeGreaterThan(0);
  });
});

describe("channel messages $expand=replies", () => {
  it("inlines up to the limit and links the rest with replies@odata.nextLink", async () => {
    await emu.control("/graph/replies", { inlineLimit: 1 });
    try {
      const teams = (await graph("/me/joinedTeams")).body.value as Array<{ id: string }>;
      let found: any;
      for (const team of teams) {
        const channels = (await graph(`/teams/${team.id}/channels`)).body.value as Array<{ id: string }>;
        for (const channel of channels) {
          const page = await graph(
            `/teams/${team.id}/channels/${encodeURIComponent(channel.id)}/messages?$expand=replies&$top=50`,
          );
          if (page.status !== 200) continue;
          found = page.body.value.find((m: any) => m["replies@odata.nextLink"]);
          if (found) break;
        }
        if (found) break;
      }
      expect(found).toBeTruthy();
      expect(found.replies).toHaveLength(1);
      const rest = await graph(found["replies@odata.nextLink"]);
      expect(rest.status).toBe(200);
      expect(rest.body.value.length).toBeGreaterThan(0);
      expect(rest.body.value.map((r: any) => r.id)).not.toContain(found.replies[0].id);
      expect(rest.body.value.every((r: any) => r.replyToId === found.id)).toBe(true);
    } finally {
      await emu.control("/graph/replies", { inlineLimit: 1000 });
    }
  });
});

describe("GET /organization", () => {
  it("answers the work account's tenant with User.Read alone", async () => {
    const token = (await tokensFor(emu, A.adele.email, "User.Read")).access_token;
    const org = await graph("/organization", token);
    expect(org.status).toBe(200);
    expect(org.body.value).toEqual([
      expect.objectContaining({
        id: DEMO_TENANTS.contoso.id,
        displayName: "Contoso",
        verifiedDomains: expect.arrayContaining([
          expect.objectContaining({ name: "contoso.example", isDefault: true }),
        ]),
      }),
    ]);
  });
});
