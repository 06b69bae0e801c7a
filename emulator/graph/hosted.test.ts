// Inline images (hostedContents): the demo seeds, post-as images, and bytes through the Nango proxy SDK.
import { Nango } from "@nangohq/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../data/demo-accounts";
import { graphSetup, html, meganChannel, type GraphFixture } from "./test/fixture";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IMG =
  /<img src="https:\/\/graph\.microsoft\.com\/v1\.0(\/[^"]+\/hostedContents\/([^"/]+)\/\$value)"[^>]*itemid="0-wus-d4-[0-9a-f]{32}">/;

interface Seeds {
  chat: { chatId: string; messageId: string; hostedContentId: string };
  channel: { teamId: string; channelId: string; messageId: string; hostedContentId: string };
}

let t: GraphFixture;
let seeds: Seeds;
beforeAll(async () => {
  t = await graphSetup();
  seeds = ((await t.emu.control("/graph/dataset")) as { imageSeeds: Seeds }).imageSeeds;
});
afterAll(async () => t?.close());

describe("the demo dataset's image messages", () => {
  it("Megan's most recent chat starts with someone else's message with an inline image", async () => {
    const chats = await t.graph("/me/chats?$top=1");
    expect(chats.body.value[0].id).toBe(seeds.chat.chatId);
    const base = `/chats/${encodeURIComponent(seeds.chat.chatId)}/messages`;
    const newest = (await t.graph(`${base}?$top=1`)).body.value[0];
    expect(newest.id).toBe(seeds.chat.messageId);
    expect(newest.from.user.id).not.toBe(t.userId(A.megan.email));
    const [, path, id] = IMG.exec(newest.body.content)!;
    expect(path).toBe(`/chats/${seeds.chat.chatId}/messages/${newest.id}/hostedContents/${id}/$value`);
    expect(Buffer.from(id!, "base64").toString()).toMatch(/^id=x_0-wus-d4-[0-9a-f]{32},type=1,url=https:\/\//);

    const list = await t.graph(`${base}/${newest.id}/hostedContents`);
    expect(list.body.value).toEqual([{ id, contentBytes: null, contentType: null }]);
    const item = await t.graph(`${base}/${newest.id}/hostedContents/${id}`);
    expect(item.body).toMatchObject({ id, contentBytes: null, contentType: null });
    const bytes = await t.graph(`${base}/${newest.id}/hostedContents/${id}/$value`);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get("content-type")).toBe("image/png");
    expect(bytes.body.subarray(0, 8)).toEqual(PNG);
    expect((await t.graph(`${base}/${newest.id}/hostedContents/aWQ9bm9wZQ==/$value`)).status).toBe(404);
  });

  it("a channel of Megan's has one too, and hostedContents needs the container's read scope", async () => {
    const path = `/teams/${seeds.channel.teamId}/channels/${encodeURIComponent(seeds.channel.channelId)}`;
    const message = (await t.graph(`${path}/messages/${seeds.channel.messageId}`)).body;
    const [, , id] = IMG.exec(message.body.content)!;
    expect(id).toBe(seeds.channel.hostedContentId);
    const bytes = await t.graph(`${path}/messages/${message.id}/hostedContents/${id}/$value`);
    expect(bytes.body.subarray(0, 8)).toEqual(PNG);
    // Every Contoso token has ChannelMessage.Read.All (a tenant-wide grant): show the rule on a chat.
    const noChannelScope = await t.token(A.megan.email, "User.Read Chat.Read");
    const chatBase = `/chats/${encodeURIComponent(seeds.chat.chatId)}/messages/${seeds.chat.messageId}`;
    const reader = await t.graph(`${chatBase}/hostedContents`, { token: noChannelScope });
    expect(reader.status).toBe(200);
    // Tokens carry every scope the user ever granted: someone who granted User.Read only.
    const nothing = await t.token(A.lee.email, "User.Read");
    const refused = await t.graph(`${chatBase}/hostedContents`, { token: nothing });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("API requires one of 'Chat.Read, Chat.ReadWrite, ChatMessage.Read'");
  });
});

describe("images in written messages", () => {
  it("post-as with hostedImage, in a reply, serves the image at the replies path", async () => {
    const { team, channel, path } = meganChannel(t);
    const root = t.dataset().channelMessages(team, channel)[1]!;
    const colleague = t.dataset().users.get(team.memberIds.find((id) => id !== t.userId(A.megan.email))!)!;
    const created = (await t.emu.control("/graph/post-as", {
      fromEmail: colleague.mail,
      teamId: team.id,
      channelId: channel.id,
      replyToId: root.id,
      html: "<p>look</p>",
      hostedImage: true,
    })) as { id: string; body: { content: string } };
    const [, imagePath] = IMG.exec(created.body.content)!;
    expect(imagePath).toContain(`/messages/${root.id}/replies/${created.id}/hostedContents/`);
    const bytes = await t.graph(imagePath!);
    expect(bytes.headers.get("content-type")).toBe("image/png");
    expect(bytes.body.subarray(0, 8)).toEqual(PNG);
    const replies = await t.graph(`${path}/messages/${root.id}/replies`);
    expect(replies.body.value[0].id).toBe(created.id);
  });

  it("a posted hostedContents image gets its Graph URL in the body", async () => {
    const chat = t.dataset().chatsOf(t.userId(A.megan.email))[4]!;
    const pixel = Buffer.from("R0lGODlhAQABAAAAACw=", "base64");
    const posted = await t.graph(`/chats/${encodeURIComponent(chat.id)}/messages`, {
      body: html('<p><img src="../hostedContents/1/$value" width="1" height="1"></p>', {
        hostedContents: [
          { "@microsoft.graph.temporaryId": "1", contentBytes: pixel.toString("base64"), contentType: "image/gif" },
        ],
      }),
    });
    expect(posted.status).toBe(201);
    const src = /src="https:\/\/graph\.microsoft\.com\/v1\.0([^"]+)"/.exec(posted.body.body.content)![1]!;
    const bytes = await fetch(`${t.emu.origins.graph}/v1.0${src}`, {
      headers: { authorization: `Bearer ${await t.token()}` },
    });
    expect(bytes.headers.get("content-type")).toBe("image/gif");
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(pixel);
  });
});

describe("through the Nango proxy with @nangohq/node", () => {
  it("passes image bytes and their Content-Type through, and forwards POST JSON bodies", async () => {
    const { nango: config } = t.emu.context.config;
    const seeded = (await t.emu.control("/nango/connections", { accessToken: await t.token() })) as {
      connection: { connection_id: string };
    };
    const nango = new Nango({ secretKey: config.secretKey, host: t.emu.origins.nango });
    const call = { providerConfigKey: config.integrationId, connectionId: seeded.connection.connection_id, retries: 0 };
    const chatId = encodeURIComponent(seeds.chat.chatId);
    const image = await nango.proxy({
      ...call,
      method: "GET",
      endpoint: `/v1.0/chats/${chatId}/messages/${seeds.chat.messageId}/hostedContents/${seeds.chat.hostedContentId}/$value`,
      responseType: "arraybuffer",
    });
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    const direct = await t.graph(
      `/chats/${chatId}/messages/${seeds.chat.messageId}/hostedContents/${seeds.chat.hostedContentId}/$value`,
    );
    expect(Buffer.from(image.data as ArrayBuffer)).toEqual(direct.body);

    // As lib/graph/transport.ts sends it: JSON data with an explicit Content-Type.
    const posted = await nango.proxy({
      ...call,
      method: "POST",
      endpoint: `/v1.0/chats/${encodeURIComponent(t.dataset().chatsOf(t.userId(A.megan.email))[6]!.id)}/messages`,
      data: html("<p>via Nango</p>"),
      headers: { "Content-Type": "application/json" },
    });
    expect(posted.status).toBe(201);
    expect((posted.data as { body: { content: string } }).body.content).toBe("<p>via Nango</p>");
    const reacted = await nango.proxy({
      ...call,
      method: "POST",
      endpoint: `/v1.0/chats/${chatId}/messages/${seeds.chat.messageId}/setReaction`,
      data: { reactionType: "❤️" },
      headers: { "Content-Type": "application/json" },
    });
    expect(reacted.status).toBe(204);
  });
});
