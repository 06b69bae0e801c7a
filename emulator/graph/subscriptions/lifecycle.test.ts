// Lifecycle events (on demand and automatic), reauthorization, retries and `missed`.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import { graphSetup, html, READ_SCOPES, type GraphFixture } from "../test/fixture";
import { startReceiver, type Receiver } from "./test/receiver";
import { eventually, inMinutes, meganChat, subscribe, type DeliveryLog } from "./test/setup";

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
  receiver.statuses = [];
  await t.emu.control("/graph/subscriptions/reset", {});
  await t.emu.control("/graph/subscriptions/settings", { reset: true });
});

const withLifecycle = () => ({
  lifecycleNotificationUrl: receiver.url("/lifecycle"),
  expirationDateTime: inMinutes(120),
});
const lifecycleEvent =
  (subscriptionId: string, event: string) => (r: { path: string; body: { value: Array<Record<string, unknown>> } }) =>
    r.path === "/lifecycle" &&
    r.body.value.some((n) => n.subscriptionId === subscriptionId && n.lifecycleEvent === event);
const about = (messageId: string) => (r: { path: string; body: { value: Array<{ resourceData?: { id: string } }> } }) =>
  r.path === "/notify" && r.body.value.some((n) => n.resourceData?.id === messageId);
const post = (chatId: string, text: string) =>
  t.graph(`/chats/${encodeURIComponent(chatId)}/messages`, { body: html(text) });
const sendLifecycle = (id: string, body: Record<string, unknown>) =>
  t.emu.control(`/graph/subscriptions/${id}/lifecycle`, body);
type Listed = { subscriptions: Array<{ id: string; state: string; counters: Record<string, number> }> };
const listed = async (id: string) =>
  ((await t.emu.control("/graph/subscriptions")) as Listed).subscriptions.find((s) => s.id === id);
async function queuedFor(messageId: string) {
  const log = (await t.emu.control("/graph/subscriptions/deliveries")) as DeliveryLog;
  return log.deliveries.filter((d) => d.messageId === messageId && d.outcome === "queued").map((d) => d.subscriptionId);
}

describe("lifecycle notifications", () => {
  it("reauthorizationRequired: Graph's shape; notifications stop until reauthorize", async () => {
    const { chat, resource } = meganChat(t);
    const s = await subscribe(t, receiver, resource, withLifecycle());
    await sendLifecycle(s.id, { event: "reauthorizationRequired" });
    const event = await receiver.waitFor(lifecycleEvent(s.id, "reauthorizationRequired"));
    expect(event.contentType).toBe("application/json; charset=utf-8");
    expect(event.body).toEqual({
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: s.expirationDateTime,
          tenantId: t.dataset().users.get(t.userId(A.megan.email))!.tenantId,
          clientState: "secret-client-state",
          lifecycleEvent: "reauthorizationRequired",
        },
      ],
    });
    expect((await listed(s.id))!.state).toBe("reauthorizationRequired");
    const lost = await post(chat.id, "while paused");
    expect(await queuedFor(lost.body.id)).toEqual([]);
    expect((await listed(s.id))!.counters.dropped).toBe(1);

    const again = await t.graph(`/subscriptions/${s.id}/reauthorize`, { method: "POST" });
    expect(again.status).toBe(200);
    expect((await listed(s.id))!.state).toBe("active");
    const after = await post(chat.id, "after reauthorize");
    await receiver.waitFor(about(after.body.id));
  });

  it("reauthorize fails with 403 once the user's grant lacks the scope", async () => {
    const email = A.megan.email;
    const { resource } = meganChat(t, 1);
    const s = await subscribe(t, receiver, resource, withLifecycle());
    await t.emu.control("/microsoft/consents/withdraw", { email });
    t.forgetTokens();
    const narrow = await t.token(email, "User.Read");
    const refused = await t.graph(`/subscriptions/${s.id}/reauthorize`, { method: "POST", token: narrow });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("is missing");
    const renew = await t.graph(`/subscriptions/${s.id}`, {
      method: "PATCH",
      token: narrow,
      body: { expirationDateTime: inMinutes(90) },
    });
    expect(renew.status).toBe(403);
    // Consent given again: the app can reauthorize.
    t.forgetTokens();
    expect(
      (
        await t.graph(`/subscriptions/${s.id}/reauthorize`, {
          method: "POST",
          token: await t.token(email, READ_SCOPES),
        })
      ).status,
    ).toBe(200);
  });

  it("subscriptionRemoved is delivered and deletes the subscription", async () => {
    const { chat, resource } = meganChat(t, 2);
    const s = await subscribe(t, receiver, resource, withLifecycle());
    const answer = (await sendLifecycle(s.id, { event: "subscriptionRemoved" })) as {
      sent: boolean;
      subscription: unknown;
    };
    expect(answer).toEqual({ sent: true, subscription: null });
    const event = await receiver.waitFor(lifecycleEvent(s.id, "subscriptionRemoved"));
    expect(event.body.value[0]).toMatchObject({ clientState: "secret-client-state", tenantId: expect.any(String) });
    expect((await t.graph(`/subscriptions/${s.id}`)).status).toBe(404);
    const posted = await post(chat.id, "after removal");
    expect(await queuedFor(posted.body.id)).toEqual([]);
  });

  it("a dataset switch removes every subscription and tells each subscriber with subscriptionRemoved", async () => {
    const s = await subscribe(t, receiver, meganChat(t).resource, withLifecycle());
    await t.emu.control("/graph/dataset", { name: "demo" });
    await receiver.waitFor(lifecycleEvent(s.id, "subscriptionRemoved"));
    expect((await t.graph(`/subscriptions/${s.id}`)).status).toBe(404);
  });

  it("missed with dropNext: the next notification is lost silently, then missed arrives", async () => {
    const { chat, resource } = meganChat(t, 3);
    const s = await subscribe(t, receiver, resource, withLifecycle());
    await sendLifecycle(s.id, { event: "missed", dropNext: 1 });
    const lost = await post(chat.id, "dropped on purpose");
    await receiver.waitFor(lifecycleEvent(s.id, "missed"));
    expect(receiver.received.some(about(lost.body.id))).toBe(false);
    const next = await post(chat.id, "delivered again");
    await receiver.waitFor(about(next.body.id));
    expect(receiver.received.some(about(lost.body.id))).toBe(false);
  });

  it("a failing endpoint gets retries; after the last one the notification is dropped and missed is sent", async () => {
    await t.emu.control("/graph/subscriptions/settings", { retryDelaysMs: [20, 20] });
    const { chat, resource } = meganChat(t, 4);
    const s = await subscribe(t, receiver, resource, withLifecycle());
    receiver.statuses = [500, 503, 500];
    const posted = await post(chat.id, "never acknowledged");
    await receiver.waitFor(lifecycleEvent(s.id, "missed"));
    const attempts = receiver.received.filter(about(posted.body.id));
    expect(attempts.map((a) => a.status)).toEqual([500, 503, 500]);
    expect(new Set(attempts.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const counters = (await listed(s.id))!.counters;
    expect(counters).toMatchObject({ delivered: 0, failed: 3, dropped: 1, lifecycleDelivered: 1 });
  });

  it("a 2xx is not resent: one failure, one success, nothing more", async () => {
    await t.emu.control("/graph/subscriptions/settings", { retryDelaysMs: [20, 20, 20] });
    const { chat, resource } = meganChat(t, 5);
    const s = await subscribe(t, receiver, resource);
    receiver.statuses = [500, 200];
    const posted = await post(chat.id, "second try works");
    await eventually(async () => (await listed(s.id))!.counters.delivered === 1);
    const log = (await t.emu.control("/graph/subscriptions/deliveries")) as DeliveryLog;
    const attempts = log.deliveries.filter((d) => d.messageId === posted.body.id && d.outcome !== "queued");
    expect(attempts.map((d) => d.outcome)).toEqual(["failed", "delivered"]);
    expect(receiver.received.filter(about(posted.body.id))).toHaveLength(2);
  });

  it("sends reauthorizationRequired on its own shortly before expiry", async () => {
    await t.emu.control("/graph/subscriptions/settings", { reauthorizationLeadSeconds: 120 * 60 });
    const s = await subscribe(t, receiver, meganChat(t, 6).resource, withLifecycle());
    await receiver.waitFor(lifecycleEvent(s.id, "reauthorizationRequired"));
    // Asked, not paused: Graph keeps delivering for a while.
    expect((await listed(s.id))!.state).toBe("reauthorizationRequired");
    // Renewing clears it (with the default lead time, a 100-minute renewal isn't asked again yet).
    await t.emu.control("/graph/subscriptions/settings", { reauthorizationLeadSeconds: 600 });
    const renewed = await t.graph(`/subscriptions/${s.id}`, {
      method: "PATCH",
      body: { expirationDateTime: inMinutes(100) },
    });
    expect(renewed.status).toBe(200);
    expect((await listed(s.id))!.state).toBe("active");
  });

  it("paused deliveries are held and sent when switched back on", async () => {
    const { chat, resource } = meganChat(t, 7);
    await subscribe(t, receiver, resource);
    await t.emu.control("/graph/subscriptions/settings", { deliveries: "paused" });
    const posted = await post(chat.id, "held");
    expect(((await t.emu.control("/graph/subscriptions")) as { held: number }).held).toBe(1);
    expect(receiver.received.some(about(posted.body.id))).toBe(false);
    await t.emu.control("/graph/subscriptions/settings", { deliveries: "on" });
    await receiver.waitFor(about(posted.body.id));
  });

  it("paused holds lifecycle events too; flush answers once what had started was delivered", async () => {
    const { resource } = meganChat(t, 7);
    const { id } = await subscribe(t, receiver, resource, withLifecycle());
    await sendLifecycle(id, { event: "missed" });
    await t.emu.control("/graph/subscriptions/deliveries/flush", {});
    expect(receiver.received.some(lifecycleEvent(id, "missed"))).toBe(true);
    await t.emu.control("/graph/subscriptions/settings", { deliveries: "paused" });
    await sendLifecycle(id, { event: "reauthorizationRequired" });
    expect(await t.emu.control("/graph/subscriptions/deliveries/flush", {})).toEqual({ held: 1 });
    expect(receiver.received.some(lifecycleEvent(id, "reauthorizationRequired"))).toBe(false);
    await t.emu.control("/graph/subscriptions/settings", { deliveries: "on" });
    await receiver.waitFor(lifecycleEvent(id, "reauthorizationRequired"));
  });
});
