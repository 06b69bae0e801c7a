// Change notifications for new messages and reactions; renewal, deletion and expiry.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import { graphSetup, html, meganChannel, type GraphFixture } from "../test/fixture";
import { startReceiver, type Receiver } from "./test/receiver";
import { inMinutes, meganChat, subscribe, type DeliveryLog } from "./test/setup";

let t: GraphFixture;
let receiver: Receiver;
beforeAll(async () => {
  t = await graphSetup();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});
beforeEach(async () => {
  receiver.received.length = 0;
  await t.emu.control("/graph/subscriptions/reset", {});
  await t.emu.control("/graph/subscriptions/settings", { reset: true });
});

const about =
  (messageId: string, subscriptionId?: string) =>
  (r: { body: { value: Array<{ resourceData?: { id: string }; subscriptionId: string }> } }) =>
    r.body?.value?.some(
      (n) => n.resourceData?.id === messageId && (!subscriptionId || n.subscriptionId === subscriptionId),
    );

/** Another member of the chat, for post-as. */
const otherIn = (memberIds: string[]) =>
  t.dataset().users.get(memberIds.find((id) => id !== t.userId(A.megan.email))!)!.mail;

/** Which subscriptions a write queued notifications for (logged before the write answers). */
async function queuedFor(messageId: string) {
  const log = (await t.emu.control("/graph/subscriptions/deliveries")) as DeliveryLog;
  return log.deliveries.filter((d) => d.messageId === messageId && d.outcome === "queued").map((d) => d.subscriptionId);
}

describe("change notifications", () => {
  it("notifies a chat subscription of a message posted through Graph, with Graph's shape", async () => {
    const { chat, resource } = meganChat(t);
    const subscription = await subscribe(t, receiver, resource);
    const posted = await t.graph(`/chats/${encodeURIComponent(chat.id)}/messages`, { body: html("hello") });
    expect(posted.status).toBe(201);
    const received = await receiver.waitFor(about(posted.body.id));
    expect(received.contentType).toBe("application/json; charset=utf-8");
    expect(received.body).toEqual({
      value: [
        {
          subscriptionId: subscription.id,
          changeType: "created",
          tenantId: t.dataset().users.get(t.userId(A.megan.email))!.tenantId,
          clientState: "secret-client-state",
          subscriptionExpirationDateTime: subscription.expirationDateTime,
          resource: `chats('${chat.id}')/messages('${posted.body.id}')`,
          resourceData: {
            id: posted.body.id,
            "@odata.type": "#Microsoft.Graph.chatMessage",
            "@odata.id": `chats('${chat.id}')/messages('${posted.body.id}')`,
          },
        },
      ],
    });
  });

  it("notifies of a message another person posts through post-as, and of a reaction (updated)", async () => {
    const { chat, resource } = meganChat(t, 1);
    const subscription = await subscribe(t, receiver, resource);
    const posted = (await t.emu.control("/graph/post-as", {
      chatId: chat.id,
      fromEmail: otherIn(chat.memberIds),
      html: "<p>from someone else</p>",
    })) as { id: string };
    const created = await receiver.waitFor(about(posted.id));
    expect(created.body.value[0]).toMatchObject({ subscriptionId: subscription.id, changeType: "created" });
    const reacted = await t.graph(`/chats/${encodeURIComponent(chat.id)}/messages/${posted.id}/setReaction`, {
      body: { reactionType: "👍" },
    });
    expect(reacted.status).toBe(204);
    const updated = await receiver.waitFor((r) => about(posted.id)(r) && r.body.value[0].changeType === "updated");
    expect(updated.body.value[0].resource).toBe(`chats('${chat.id}')/messages('${posted.id}')`);
  });

  it("notifies a channel subscription of new messages and replies", async () => {
    const { team, channel, path } = meganChannel(t);
    await subscribe(t, receiver, `/teams/${team.id}/channels/${channel.id}/messages`);
    const root = await t.graph(`${path}/messages`, { body: html("root") });
    const rootNote = await receiver.waitFor(about(root.body.id));
    expect(rootNote.body.value[0].resource).toBe(
      `teams('${team.id}')/channels('${channel.id}')/messages('${root.body.id}')`,
    );
    const reply = (await t.emu.control("/graph/post-as", {
      teamId: team.id,
      channelId: channel.id,
      replyToId: root.body.id,
      fromEmail: otherIn(channel.memberIds ?? team.memberIds),
      html: "a reply",
    })) as { id: string };
    const replyNote = await receiver.waitFor(about(reply.id));
    expect(replyNote.body.value[0].resourceData["@odata.id"]).toBe(
      `teams('${team.id}')/channels('${channel.id}')/messages('${root.body.id}')/replies('${reply.id}')`,
    );
  });

  it("only notifies subscriptions whose changeType matches; clientState is echoed as given", async () => {
    const { chat, resource } = meganChat(t, 2);
    const updatesOnly = await subscribe(t, receiver, resource, { changeType: "updated", clientState: "other <state>" });
    const witness = await subscribe(t, receiver, resource, { clientState: null });
    const posted = await t.graph(`/chats/${encodeURIComponent(chat.id)}/messages`, { body: html("typed") });
    expect(await queuedFor(posted.body.id)).toEqual([witness.id]);
    const received = await receiver.waitFor(about(posted.body.id));
    expect(received.body.value[0].clientState).toBeNull();
    await t.graph(`/chats/${encodeURIComponent(chat.id)}/messages/${posted.body.id}/setReaction`, {
      body: { reactionType: "like" },
    });
    const updated = await receiver.waitFor(about(posted.body.id, updatesOnly.id));
    expect(updated.body.value[0]).toMatchObject({ changeType: "updated", clientState: "other <state>" });
  });

  it("PATCH renews (same rules), DELETE stops notifications", async () => {
    const { chat, resource } = meganChat(t, 3);
    const renewed = await subscribe(t, receiver, resource);
    const deleted = await subscribe(t, receiver, resource);
    const later = inMinutes(50);
    const patch = await t.graph(`/subscriptions/${renewed.id}`, {
      method: "PATCH",
      body: { expirationDateTime: later },
    });
    expect(patch.status).toBe(200);
    expect(Date.parse(patch.body.expirationDateTime)).toBe(Date.parse(later));
    const tooLong = await t.graph(`/subscriptions/${renewed.id}`, {
      method: "PATCH",
      body: { expirationDateTime: inMinutes(90) },
    });
    expect(tooLong.body.error.message).toContain("lifecycleNotificationUrl is a required property");
    expect((await t.graph(`/subscriptions/${deleted.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await t.graph(`/subscriptions/${deleted.id}`)).status).toBe(404);
    const posted = await t.graph(`/chats/${encodeURIComponent(chat.id)}/messages`, { body: html("after delete") });
    expect(await queuedFor(posted.body.id)).toEqual([renewed.id]);
    const received = await receiver.waitFor(about(posted.body.id));
    expect(received.body.value[0].subscriptionExpirationDateTime).toBe(patch.body.expirationDateTime);
  });

  it("an expired subscription is gone: GET and PATCH answer 404, no notifications", async () => {
    const { chat, resource } = meganChat(t, 4);
    const short = await subscribe(t, receiver, resource, {
      expirationDateTime: new Date(Date.now() + 1500).toISOString(),
    });
    const witness = await subscribe(t, receiver, resource);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(short.expirationDateTime) - Date.now()) + 20),
    );
    const read = await t.graph(`/subscriptions/${short.id}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe("ResourceNotFound");
    expect(
      (await t.graph(`/subscriptions/${short.id}`, { method: "PATCH", body: { expirationDateTime: inMinutes(30) } }))
        .status,
    ).toBe(404);
    const posted = await t.graph(`/chats/${encodeURIComponent(chat.id)}/messages`, { body: html("after expiry") });
    expect(await queuedFor(posted.body.id)).toEqual([witness.id]);
  });

  it("a lifetime override with clamp shortens long expiries (for tests of renewal)", async () => {
    await t.emu.control("/graph/subscriptions/settings", { maxLifetimeSeconds: 5, overMax: "clamp" });
    const created = await subscribe(t, receiver, meganChat(t, 5).resource);
    expect(Date.parse(created.expirationDateTime) - Date.now()).toBeLessThanOrEqual(5000);
  });
});
