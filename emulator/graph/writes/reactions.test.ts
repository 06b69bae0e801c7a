// setReaction / unsetReaction on chat messages, channel messages and replies, and what reads show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import { graphSetup, meganChannel, READ_SCOPES, type GraphFixture } from "../test/fixture";

let t: GraphFixture;
beforeAll(async () => {
  t = await graphSetup();
});
afterAll(async () => t?.close());

const react = (path: string, action: "setReaction" | "unsetReaction", reactionType: unknown, token?: string) =>
  t.graph(`${path}/${action}`, { body: { reactionType }, token });

describe("reactions on chat messages", () => {
  it("shows a set reaction as Graph does, bumps lastModifiedDateTime and unsets it", async () => {
    const chat = t.dataset().chatsOf(t.userId(A.megan.email))[2]!;
    const base = `/chats/${encodeURIComponent(chat.id)}/messages`;
    const target = t.dataset().chatMessages(chat)[2]!;
    const set = await react(`${base}/${target.id}`, "setReaction", "like");
    expect(set.status).toBe(204);
    expect(set.body).toBe("");
    await react(`${base}/${target.id}`, "setReaction", "like"); // once per user and type
    await react(`${base}/${target.id}`, "setReaction", "💯");
    const read = (await t.graph(`${base}/${target.id}`)).body;
    expect(read.reactions).toEqual([
      {
        reactionType: "like",
        displayName: "Like",
        reactionContentUrl: null,
        createdDateTime: expect.any(String),
        user: {
          application: null,
          device: null,
          user: {
            "@odata.type": "#microsoft.graph.teamworkUserIdentity",
            id: t.userId(A.megan.email),
            displayName: null,
            userIdentityType: "aadUser",
          },
        },
      },
      expect.objectContaining({ reactionType: "💯", displayName: "Hundred points" }),
    ]);
    expect(read.lastModifiedDateTime > read.createdDateTime).toBe(true);
    expect(read.etag).toBe(String(Date.parse(read.lastModifiedDateTime)));

    // Graph's default order is lastModifiedDateTime: the reacted message comes first.
    expect((await t.graph(`${base}?$top=3`)).body.value[0].id).toBe(target.id);
    const byCreation = await t.graph(`${base}?$top=3&$orderby=createdDateTime desc`);
    expect(byCreation.body.value[2].id).toBe(target.id);

    expect((await react(`${base}/${target.id}`, "unsetReaction", "like")).status).toBe(204);
    const after = (await t.graph(`${base}/${target.id}`)).body;
    expect(after.reactions.map((r: { reactionType: string }) => r.reactionType)).toEqual(["💯"]);
    // Unsetting one the user doesn't have: no change, still 204.
    expect((await react(`${base}/${target.id}`, "unsetReaction", "angry")).status).toBe(204);
  });

  it("refuses a missing or unknown reactionType, unknown messages and a token without a send scope", async () => {
    const chat = t.dataset().chatsOf(t.userId(A.megan.email))[3]!;
    const base = `/chats/${encodeURIComponent(chat.id)}/messages`;
    const id = t.dataset().chatMessages(chat)[0]!.id;
    expect((await react(`${base}/${id}`, "setReaction", "")).status).toBe(400);
    expect((await react(`${base}/${id}`, "setReaction", "thumbs")).status).toBe(400);
    expect((await react(`${base}/${id}`, "setReaction", "👍🏽")).status).toBe(204);
    expect((await react(`${base}/123`, "setReaction", "like")).status).toBe(404);
    // Tokens carry every scope the user ever granted: a user who never granted a send scope.
    const reader = await t.token(A.adele.email, READ_SCOPES);
    const refused = await react(`${base}/${id}`, "setReaction", "like", reader);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("API requires one of 'Chat.ReadWrite, ChatMessage.Send'");
  });
});

describe("reactions in channels", () => {
  it("on a channel message and on a reply; the list and $expand=replies show them", async () => {
    const { team, channel, path } = meganChannel(t);
    const parent = t
      .dataset()
      .channelMessages(team, channel)
      .find((m) => m.replyCount > 0)!;
    const reply = t.dataset().replies(team, channel, parent)[0]!;
    expect((await react(`${path}/messages/${parent.id}`, "setReaction", "heart")).status).toBe(204);
    expect((await react(`${path}/messages/${parent.id}/replies/${reply.id}`, "setReaction", "laugh")).status).toBe(204);
    const list = await t.graph(`${path}/messages?$expand=replies&$top=50`);
    const shown = list.body.value.find((m: { id: string }) => m.id === parent.id);
    expect(shown.reactions.map((r: { displayName: string }) => r.displayName)).toEqual(["Heart"]);
    const shownReply = shown.replies.find((r: { id: string }) => r.id === reply.id);
    expect(shownReply.reactions[0]).toMatchObject({ reactionType: "laugh", user: { user: { displayName: null } } });
    const single = await t.graph(`${path}/messages/${parent.id}/replies/${reply.id}`);
    expect(single.body.reactions).toHaveLength(1);
    expect((await react(`${path}/messages/${parent.id}/replies/${reply.id}`, "unsetReaction", "laugh")).status).toBe(
      204,
    );
    expect((await t.graph(`${path}/messages/${parent.id}/replies/${reply.id}`)).body.reactions).toEqual([]);
  });
});
