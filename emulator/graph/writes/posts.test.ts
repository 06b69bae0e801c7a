// Posting messages through the emulated Graph and reading them back as Graph would serve them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import { graphSetup, html, meganChannel, READ_SCOPES, type GraphFixture } from "../test/fixture";

let t: GraphFixture;
beforeAll(async () => {
  t = await graphSetup();
});
afterAll(async () => t?.close());

const meganChats = () => t.dataset().chatsOf(t.userId(A.megan.email));
const chatPath = (id: string) => `/chats/${encodeURIComponent(id)}`;

async function allPages(path: string) {
  const ids: string[] = [];
  let url: string | undefined = path;
  while (url) {
    const page = await t.graph(url);
    expect(page.status).toBe(200);
    ids.push(...page.body.value.map((m: { id: string }) => m.id));
    url = page.body["@odata.nextLink"];
  }
  return ids;
}

describe("POST /chats/{id}/messages", () => {
  it("answers 201 with the chatMessage; reads show it first and the chat moves to the top", async () => {
    const chat = meganChats()[5]!;
    const posted = await t.graph(`${chatPath(chat.id)}/messages`, { body: html("<p>Hello from the test</p>") });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      "@odata.context": expect.stringContaining(`/$metadata#chats('${chat.id}')/messages/$entity`),
      id: expect.stringMatching(/^\d{13}$/),
      chatId: chat.id,
      replyToId: null,
      messageType: "message",
      body: { contentType: "html", content: "<p>Hello from the test</p>" },
      from: { user: { id: t.userId(A.megan.email), displayName: A.megan.name, userIdentityType: "aadUser" } },
      mentions: [],
      reactions: [],
    });
    expect(posted.body.lastModifiedDateTime).toBe(posted.body.createdDateTime);

    const messages = await t.graph(`${chatPath(chat.id)}/messages?$top=3`);
    expect(messages.body.value[0].id).toBe(posted.body.id);
    const byCreation = await t.graph(`${chatPath(chat.id)}/messages?$top=3&$orderby=createdDateTime desc`);
    expect(byCreation.body.value[0].id).toBe(posted.body.id);
    expect((await t.graph(`${chatPath(chat.id)}/messages/${posted.body.id}`)).body.id).toBe(posted.body.id);

    const list = await t.graph("/me/chats?$top=5&$expand=lastMessagePreview");
    expect(list.body.value[0]).toMatchObject({ id: chat.id, lastUpdatedDateTime: posted.body.createdDateTime });
    expect(list.body.value[0].lastMessagePreview).toMatchObject({
      id: posted.body.id,
      body: { contentType: "text", content: "Hello from the test" },
    });
    expect((await t.graph(chatPath(chat.id))).body.lastUpdatedDateTime).toBe(posted.body.createdDateTime);
  });

  it("keeps paging intact when a message arrives between two pages", async () => {
    const chat = meganChats()
      .slice(10)
      .find((candidate) => candidate.messageCount >= 9)!;
    const before = t
      .dataset()
      .chatMessages(chat)
      .map((m) => m.id);
    const first = await t.graph(`${chatPath(chat.id)}/messages?$top=4`);
    const posted = await t.graph(`${chatPath(chat.id)}/messages`, { body: html("between pages") });
    const rest = await allPages(first.body["@odata.nextLink"]);
    const seen = [...first.body.value.map((m: { id: string }) => m.id), ...rest];
    expect(seen).toEqual(before);
    // A fresh read has it on top and still every message once.
    const fresh = await allPages(`${chatPath(chat.id)}/messages?$top=4`);
    expect(fresh).toEqual([posted.body.id, ...before]);
  });

  it("stores a text body as text and keeps ids increasing", async () => {
    const chat = meganChats()[7]!;
    const one = await t.graph(`${chatPath(chat.id)}/messages`, { body: { body: { content: "plain <b>text</b>" } } });
    const two = await t.graph(`${chatPath(chat.id)}/messages`, { body: html("second") });
    expect(one.body.body).toEqual({ contentType: "text", content: "plain <b>text</b>" });
    expect(Number(two.body.id)).toBeGreaterThan(Number(one.body.id));
  });
});

describe("POST channel messages and replies", () => {
  it("creates a thread with a subject and replies to it; every read shows them", async () => {
    const { team, channel, path } = meganChannel(t);
    const thread = await t.graph(`${path}/messages`, { body: html("<p>Notes are out</p>", { subject: "Release" }) });
    expect(thread.status).toBe(201);
    expect(thread.body).toMatchObject({
      subject: "Release",
      chatId: null,
      channelIdentity: { teamId: team.id, channelId: channel.id },
      webUrl: expect.stringContaining(thread.body.id),
    });
    const reply = await t.graph(`${path}/messages/${thread.body.id}/replies`, {
      body: html("<p>Thanks!</p>", { subject: "ignored on replies" }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ replyToId: thread.body.id, subject: null });

    const list = await t.graph(`${path}/messages?$expand=replies&$top=5`);
    expect(list.body.value[0].id).toBe(thread.body.id);
    expect(list.body.value[0].replies.map((r: { id: string }) => r.id)).toEqual([reply.body.id]);
    expect((await t.graph(`${path}/messages/${thread.body.id}/replies`)).body.value[0].id).toBe(reply.body.id);
    expect((await t.graph(`${path}/messages/${thread.body.id}`)).body.subject).toBe("Release");
    expect((await t.graph(`${path}/messages/${thread.body.id}/replies/${reply.body.id}`)).body.replyToId).toBe(
      thread.body.id,
    );
  });

  it("a reply to a generated message comes first among its replies", async () => {
    const { team, channel, path } = meganChannel(t);
    const parent = t
      .dataset()
      .channelMessages(team, channel)
      .find((m) => m.replyCount > 0)!;
    const reply = await t.graph(`${path}/messages/${parent.id}/replies`, { body: html("late reply") });
    const replies = await t.graph(`${path}/messages/${parent.id}/replies`);
    expect(replies.body.value.map((r: { id: string }) => r.id)).toEqual([
      reply.body.id,
      ...t
        .dataset()
        .replies(team, channel, parent)
        .map((r) => r.id),
    ]);
  });
});

describe("who may post, and Graph's validation", () => {
  it("404 for unknown chats, channels and messages; 403 for chats and teams of others", async () => {
    const { path } = meganChannel(t);
    expect((await t.graph(`/chats/19:nope@thread.v2/messages`, { body: html("x") })).status).toBe(404);
    expect((await t.graph(`${path}/messages/123/replies`, { body: html("x") })).status).toBe(404);
    const meganId = t.userId(A.megan.email);
    const foreign = [...t.dataset().chats.values()].find(
      (chat) => chat.tenantId === A.megan.tenantId && !chat.memberIds.includes(meganId),
    )!;
    const refused = await t.graph(`${chatPath(foreign.id)}/messages`, { body: html("x") });
    expect(refused.status).toBe(403);
    const leadership = [...t.dataset().teams.values()].find((team) => team.displayName === "Leadership")!;
    const channel = encodeURIComponent(leadership.channels[0]!.id);
    expect((await t.graph(`/teams/${leadership.id}/channels/${channel}/messages`, { body: html("x") })).status).toBe(
      403,
    );
    // Megan is in the archived team, but archived teams take no new messages.
    const archived = t
      .dataset()
      .teamsOf(meganId)
      .find((team) => team.isArchived)!;
    const archivedPath = `/teams/${archived.id}/channels/${encodeURIComponent(archived.channels[0]!.id)}/messages`;
    const readOnly = await t.graph(archivedPath, { body: html("x") });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.error.message).toMatch(/archived/);
    expect((await t.graph(`${archivedPath}?$top=1`)).status).toBe(200);
  });

  it("400 for a missing body or unreadable JSON, 413 above Teams' 28 KB", async () => {
    const chat = meganChats()[9]!;
    const url = `${chatPath(chat.id)}/messages`;
    for (const body of [{}, { body: { contentType: "html", content: "  " } }, { body: { contentType: "html" } }]) {
      const empty = await t.graph(url, { body });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatchObject({ code: "BadRequest", message: "Missing body content" });
    }
    const garbled = await fetch(`${t.emu.origins.graph}/v1.0${url}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await t.token()}`, "content-type": "application/json" },
      body: "{ not json",
    });
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: { message: string } }).error.message).toMatch(/Unable to read JSON/);
    const big = await t.graph(url, { body: html(`<p>${"x".repeat(29 * 1024)}</p>`) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("RequestEntityTooLarge");
    expect((await t.graph(url, { body: html(`<p>${"x".repeat(27 * 1024)}</p>`) })).status).toBe(201);
  });

  it("403 with the Missing scope permissions message without a send scope", async () => {
    const token = await t.token(A.alex.email, READ_SCOPES);
    const alexChat = t.dataset().chatsOf(t.userId(A.alex.email))[0]!;
    const refused = await t.graph(`${chatPath(alexChat.id)}/messages`, { token, body: html("x") });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /^Missing scope permissions on the request\. API requires one of 'ChatMessage\.Send, Chat\.ReadWrite, Group\.ReadWrite\.All'\. Scopes on the request '/,
    );
    const { path } = meganChannel(t);
    const channel = await t.graph(`${path}/messages`, { token, body: html("x") });
    expect(channel.body.error.message).toContain("API requires one of 'ChannelMessage.Send, Group.ReadWrite.All'");
  });
});
