// Pairing <at id> markers with mentions[] when posting, strict by default, Graph's leniency on request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import type { TenantUser } from "../../data/types";
import { graphSetup, html, type GraphFixture } from "../test/fixture";

let t: GraphFixture;
let url: string;
let alex: TenantUser;
let adele: TenantUser;
beforeAll(async () => {
  t = await graphSetup();
  const chat = t.dataset().chatsOf(t.userId(A.megan.email))[1]!;
  url = `/chats/${encodeURIComponent(chat.id)}/messages`;
  alex = t.dataset().usersByEmail.get(A.alex.email)!;
  adele = t.dataset().usersByEmail.get(A.adele.email)!;
});
afterAll(async () => t?.close());

const entry = (id: number, user: TenantUser, text = user.displayName) => ({
  id,
  mentionText: text,
  mentioned: { user: { id: user.id, displayName: user.displayName, userIdentityType: "aadUser" } },
});
const marker = (id: number, text: string) => `<at id="${id}">${text}</at>`;
const noMarker = (id: number, text: string) =>
  `Neither Body nor adaptive card content contains marker for mention with Id '${id}'. Add '<at id="${id}">${text}</at>' to the body or an adaptive card.`;

async function expect400(body: unknown, message: string | RegExp) {
  const response = await t.graph(url, { body });
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe("BadRequest");
  if (typeof message === "string") expect(response.body.error.message).toBe(message);
  else expect(response.body.error.message).toMatch(message);
}

describe("mentions on POST", () => {
  it("accepts several mentions paired with their markers and returns them resolved", async () => {
    const content = `<p>${marker(0, alex.displayName)} and ${marker(1, adele.displayName)}, see this</p>`;
    const posted = await t.graph(url, { body: html(content, { mentions: [entry(0, alex), entry(1, adele)] }) });
    expect(posted.status).toBe(201);
    expect(posted.body.body.content).toBe(content);
    expect(posted.body.mentions).toEqual([
      {
        id: 0,
        mentionText: alex.displayName,
        mentioned: expect.objectContaining({
          user: expect.objectContaining({ id: alex.id, displayName: alex.displayName, userIdentityType: "aadUser" }),
        }),
      },
      expect.objectContaining({ id: 1, mentionText: adele.displayName }),
    ]);
  });

  it("an entry without its marker is Graph's 400, and so is a marker whose text differs", async () => {
    await expect400(html("<p>no markers here</p>", { mentions: [entry(0, alex)] }), noMarker(0, alex.displayName));
    await expect400(html(`<p>${marker(0, "Alex")}</p>`, { mentions: [entry(0, alex)] }), noMarker(0, alex.displayName));
  });

  it("mismatched ids are a 400 for the entry whose marker is missing", async () => {
    const content = `<p>${marker(1, alex.displayName)}</p>`;
    await expect400(html(content, { mentions: [entry(0, alex)] }), noMarker(0, alex.displayName));
  });

  it("a text body has no markers: any mention is a 400", async () => {
    const body = { body: { contentType: "text", content: marker(0, alex.displayName) }, mentions: [entry(0, alex)] };
    await expect400(body, noMarker(0, alex.displayName));
  });

  it("strict: a marker without an entry, an unknown user or a repeated id is a 400", async () => {
    await expect400(
      html(`<p>${marker(0, alex.displayName)}</p>`),
      /marker for mention with Id '0' but mentions has no entry/,
    );
    const ghost = { ...alex, id: "00000000-0000-4000-8000-0000000000ff" };
    await expect400(
      html(`<p>${marker(0, alex.displayName)}</p>`, { mentions: [entry(0, ghost)] }),
      /Mentioned user '00000000-0000-4000-8000-0000000000ff' was not found/,
    );
    const fabrikam = t.dataset().usersByEmail.get(A.sara.email)!;
    await expect400(
      html(`<p>${marker(0, fabrikam.displayName)}</p>`, { mentions: [entry(0, fabrikam)] }),
      /was not found in the tenant/,
    );
    await expect400(
      html(`<p>${marker(0, alex.displayName)}</p>`, { mentions: [entry(0, alex), entry(0, alex)] }),
      /must be unique/,
    );
  });

  it("graph mode: as Graph does, a lone marker is reduced to its text and unknown users are stored", async () => {
    await t.emu.control("/graph/mentions", { checks: "graph" });
    try {
      const lone = await t.graph(url, { body: html(`<p>Hi ${marker(0, alex.displayName)}!</p>`) });
      expect(lone.status).toBe(201);
      expect(lone.body.body.content).toBe(`<p>Hi ${alex.displayName}!</p>`);
      const ghost = { ...alex, id: "00000000-0000-4000-8000-0000000000ff" };
      const stored = await t.graph(url, {
        body: html(`<p>${marker(0, alex.displayName)}</p>`, { mentions: [entry(0, ghost)] }),
      });
      expect(stored.status).toBe(201);
      expect(stored.body.mentions[0].mentioned.user.id).toBe(ghost.id);
      await expect400(html("<p>none</p>", { mentions: [entry(0, alex)] }), noMarker(0, alex.displayName));
    } finally {
      await t.emu.control("/graph/mentions", { checks: "strict" });
    }
  });
});
