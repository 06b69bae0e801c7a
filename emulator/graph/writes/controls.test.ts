// The write controls: posts listing, post-as, write faults, and what reset/dataset switch clear.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import { graphSetup, html, meganChannel, type GraphFixture } from "../test/fixture";

let t: GraphFixture;
beforeAll(async () => {
  t = await graphSetup();
});
afterAll(async () => t?.close());

const chatOf = (index: number) => t.dataset().chatsOf(t.userId(A.megan.email))[index]!;
const messagesUrl = (chatId: string) => `/chats/${encodeURIComponent(chatId)}/messages`;
const posts = async (query: string) =>
  ((await t.emu.control(`/graph/posts?${query}`)) as { items: Array<Record<string, unknown>> }).items;

describe("GET /_emulator/graph/posts", () => {
  it("lists the messages written through the API, oldest first, with their mentions", async () => {
    const chat = chatOf(3);
    const other = t.dataset().users.get(chat.memberIds.find((id) => id !== t.userId(A.megan.email))!)!;
    const first = await t.graph(messagesUrl(chat.id), { body: html("one") });
    const second = await t.graph(messagesUrl(chat.id), {
      body: html(`<p>Hi <at id="0">${other.displayName}</at></p>`, {
        mentions: [{ id: 0, mentionText: other.displayName, mentioned: { user: { id: other.id } } }],
      }),
    });
    await t.emu.control("/graph/post-as", { fromEmail: other.mail, chatId: chat.id, html: "<p>not listed</p>" });
    const items = await posts(`chatId=${encodeURIComponent(chat.id)}`);
    expect(items.map((item) => item.id)).toEqual([first.body.id, second.body.id]);
    expect(items[1]).toEqual({
      id: second.body.id,
      fromId: t.userId(A.megan.email),
      html: `<p>Hi <at id="0">${other.displayName}</at></p>`,
      mentions: [{ id: 0, mentionText: other.displayName, userId: other.id }],
      createdDateTime: second.body.createdDateTime,
      subject: null,
      replyToId: null,
    });
  });

  it("for a channel: its new threads and replies, or one thread's replies with replyToId", async () => {
    const { team, channel, path } = meganChannel(t);
    const thread = await t.graph(`${path}/messages`, { body: html("thread", { subject: "S" }) });
    const reply = await t.graph(`${path}/messages/${thread.body.id}/replies`, { body: html("reply") });
    const query = `teamId=${team.id}&channelId=${encodeURIComponent(channel.id)}`;
    const all = await posts(query);
    expect(all.map((item) => [item.id, item.replyToId, item.subject])).toEqual([
      [thread.body.id, null, "S"],
      [reply.body.id, thread.body.id, null],
    ]);
    expect((await posts(`${query}&replyToId=${thread.body.id}`)).map((item) => item.id)).toEqual([reply.body.id]);
    await expect(t.emu.control(`/graph/posts?chatId=19:unknown`)).rejects.toThrow(/404/);
  });
});

describe("POST /_emulator/graph/post-as", () => {
  it("posts as another member: reads show it, from that person; non-members are refused", async () => {
    const chat = chatOf(4);
    const other = t.dataset().users.get(chat.memberIds.find((id) => id !== t.userId(A.megan.email))!)!;
    const created = (await t.emu.control("/graph/post-as", {
      fromEmail: other.mail,
      chatId: chat.id,
      html: "<p>Ping</p>",
    })) as { id: string; from: { user: { id: string } }; body: { content: string } };
    expect(created.from.user.id).toBe(other.id);
    const read = await t.graph(`${messagesUrl(chat.id)}?$top=1`);
    expect(read.body.value[0]).toMatchObject({ id: created.id, body: { content: "<p>Ping</p>" } });
    const outsider = t
      .dataset()
      .tenant(A.megan.tenantId)!
      .users.find((user) => !chat.memberIds.includes(user.id))!;
    await expect(
      t.emu.control("/graph/post-as", { fromEmail: outsider.mail, chatId: chat.id, html: "<p>x</p>" }),
    ).rejects.toThrow(/not a member/);

    const { team, channel } = meganChannel(t);
    const root = t.dataset().channelMessages(team, channel)[3]!;
    const colleague = t.dataset().users.get(team.memberIds.find((id) => id !== t.userId(A.megan.email))!)!;
    const reply = (await t.emu.control("/graph/post-as", {
      fromEmail: colleague.mail,
      teamId: team.id,
      channelId: channel.id,
      replyToId: root.id,
      html: "<p>from a colleague</p>",
    })) as { replyToId: string };
    expect(reply.replyToId).toBe(root.id);
  });
});

describe("POST /_emulator/graph/write-faults", () => {
  it("acceptThenHang: the client times out, yet the message is posted", async () => {
    const chat = chatOf(6);
    await t.emu.control("/graph/write-faults", { acceptThenHangMs: 1500 });
    const attempt = t.graph(messagesUrl(chat.id), { body: html("did it post?"), signal: AbortSignal.timeout(300) });
    await expect(attempt).rejects.toThrow();
    const items = await posts(`chatId=${encodeURIComponent(chat.id)}`);
    expect(items.map((item) => item.html)).toEqual(["did it post?"]);
    const read = await t.graph(`${messagesUrl(chat.id)}?$top=1`);
    expect(read.body.value[0].id).toBe(items[0]!.id);
  });

  it("failBeforeAccept: count posts fail with Graph's error and store nothing, then posting works", async () => {
    const chat = chatOf(8);
    const pending = (await t.emu.control("/graph/write-faults", { failBeforeAccept: 503, count: 2 })) as {
      pending: unknown[];
    };
    expect(pending.pending).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      const failed = await t.graph(messagesUrl(chat.id), { body: html("nope") });
      expect(failed.status).toBe(503);
      expect(failed.body.error.code).toBe("ServiceNotAvailable");
    }
    expect(await posts(`chatId=${encodeURIComponent(chat.id)}`)).toEqual([]);
    expect((await t.graph(messagesUrl(chat.id), { body: html("yes") })).status).toBe(201);

    await t.emu.control("/graph/write-faults", { failBeforeAccept: 500, count: 3 });
    await t.emu.control("/graph/write-faults", { reset: true });
    expect((await t.graph(messagesUrl(chat.id), { body: html("again") })).status).toBe(201);
    await expect(t.emu.control("/graph/write-faults", { acceptThenHangMs: 5, failBeforeAccept: 500 })).rejects.toThrow(
      /400/,
    );
  });
});

describe("clearing", () => {
  it("reset and a dataset switch empty what was written", async () => {
    const chat = chatOf(2);
    await t.graph(messagesUrl(chat.id), { body: html("soon gone") });
    await t.emu.control("/graph/dataset", { name: "demo" });
    expect(await posts(`chatId=${encodeURIComponent(chat.id)}`)).toEqual([]);
    const posted = await t.graph(messagesUrl(chat.id), { body: html("also gone") });
    await t.emu.control("/reset", {});
    await t.emu.control("/graph/throttling", { enabled: false });
    t.forgetTokens();
    expect(await posts(`chatId=${encodeURIComponent(chat.id)}`)).toEqual([]);
    const read = await t.graph(`${messagesUrl(chat.id)}?$top=50`);
    expect(read.body.value.map((m: { id: string }) => m.id)).not.toContain(posted.body.id);
  });
});
