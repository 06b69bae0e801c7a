// Write throttling: the chat and channel post classes, per conversation and per channel per day.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../data/demo-accounts";
import { graphSetup, html, meganChannel, type GraphFixture } from "../test/fixture";

let t: GraphFixture;
beforeAll(async () => {
  t = await graphSetup();
});
beforeEach(async () => {
  await t.emu.control("/graph/throttling", { reset: true, enabled: true });
});
afterAll(async () => t?.close());

interface Report {
  limits: Record<string, { requests: number; perSeconds: number }>;
  writes: { perConversation: unknown; perChannelPerDay: unknown };
  throttled: { byClass: Record<string, number> };
  admitted: { byClass: Record<string, number> };
}
const report = async () => (await t.emu.control("/graph/throttling")) as Report;
const chatUrl = (index: number) =>
  `/chats/${encodeURIComponent(t.dataset().chatsOf(t.userId(A.megan.email))[index]!.id)}/messages`;

describe("write throttling", () => {
  it("has Graph's documented limits by default", async () => {
    const settings = await report();
    expect(settings.limits.chatWrites).toEqual({ requests: 20, perSeconds: 1 });
    expect(settings.limits.channelWrites).toEqual({ requests: 50, perSeconds: 1 });
    expect(settings.writes).toEqual({
      perConversation: { requests: 10, perSeconds: 10 },
      perChannelPerDay: { requests: 3000, perSeconds: 86_400 },
    });
  });

  it("429 with Retry-After past the chat write class, counted in the report", async () => {
    await t.emu.control("/graph/throttling", { limits: { chatWrites: { requests: 2, perSeconds: 60 } } });
    expect((await t.graph(chatUrl(1), { body: html("a") })).status).toBe(201);
    expect((await t.graph(chatUrl(2), { body: html("b") })).status).toBe(201);
    const limited = await t.graph(chatUrl(3), { body: html("c") });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("TooManyRequests");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const counts = await report();
    expect(counts.admitted.byClass.chatWrites).toBe(2);
    expect(counts.throttled.byClass.chatWrites).toBe(1);
    // Reads have their own buckets.
    expect((await t.graph(`${chatUrl(1)}?$top=1`)).status).toBe(200);
  });

  it("at most 10 posts per 10 s to one conversation, while other chats still take posts", async () => {
    for (let i = 0; i < 10; i++) expect((await t.graph(chatUrl(4), { body: html(`n${i}`) })).status).toBe(201);
    const limited = await t.graph(chatUrl(4), { body: html("eleventh") });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await t.graph(chatUrl(5), { body: html("elsewhere") })).status).toBe(201);
  });

  it("channels: the per-channel bucket and the daily channel limit", async () => {
    const { path } = meganChannel(t);
    await t.emu.control("/graph/throttling", { perResource: { requests: 1, perSeconds: 60 } });
    expect((await t.graph(`${path}/messages`, { body: html("first") })).status).toBe(201);
    expect((await t.graph(`${path}/messages`, { body: html("second") })).status).toBe(429);
    await t.emu.control("/graph/throttling", {
      reset: true,
      writes: { perChannelPerDay: { requests: 1, perSeconds: 86_400 } },
    });
    expect((await t.graph(`${path}/messages`, { body: html("today") })).status).toBe(201);
    const tomorrow = await t.graph(`${path}/messages`, { body: html("too many today") });
    expect(tomorrow.status).toBe(429);
    expect(Number(tomorrow.headers.get("retry-after"))).toBeGreaterThan(3600);
    expect((await report()).throttled.byClass.channelWrites).toBe(1);
    await t.emu.control("/graph/throttling", { enabled: false });
  });
});
