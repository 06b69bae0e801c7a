// Auth webhooks as the app receives them: signed, sorted, retried, held, replayable.
import crypto from "node:crypto";
import { Nango } from "@nangohq/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stableStringify } from "./stable-json";
import { setup, SIGNING_KEY } from "./test/fixture";
import { signBody, type Delivery } from "./webhooks";

let t: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  t = await setup();
});
afterAll(async () => t.close());

const flush = async () =>
  ((await t.emulator.control("/nango/webhooks/flush", {})) as { deliveries: Delivery[] }).deliveries;

describe("auth webhooks", () => {
  // The reference doc (nango-wire-protocol.md) gives 5618c7bb…bbef for this body and key,
  // but no serialisation of that body produces it (checked: compact, spaced, pretty, with
  // newline, unsorted, without endUser/tags, other keys). HMAC-SHA256 of the sorted compact
  // body — the bytes Nango signs — is 29690d47…942b, and the real SDK accepts exactly that.
  it("the reference's worked HMAC example body, signed as Nango signs it, verifies with the real SDK", () => {
    const body = {
      authMode: "OAUTH2",
      connectionId: "<uuid>",
      endUser: { endUserEmail: "a@b.co", endUserId: "u1", organizationId: "o1", tags: {} },
      environment: "dev",
      from: "nango",
      operation: "creation",
      provider: "microsoft-teams",
      providerConfigKey: "microsoft-teams",
      success: true,
      tags: { end_user_email: "a@b.co", end_user_id: "u1", organization_id: "o1" },
      type: "auth",
    };
    const raw = stableStringify(body);
    const signature = "29690d47334ba2f0e135c7f9ec6882a997ab33be72bbc144f43c63bc42ed942b";
    const documented = "5618c7bbd4607d10e5a8c835a25468c303e954bdf42503d2f06ae1840c16bbef";
    expect(signBody(raw, "test-signing-key")["X-Nango-Hmac-Sha256"]).toBe(signature);
    const nango = new Nango({ secretKey: "x", webhookSigningKey: "test-signing-key" });
    expect(nango.verifyIncomingWebhookRequest(raw, { "X-Nango-Hmac-Sha256": signature })).toBe(true);
    expect(nango.verifyIncomingWebhookRequest(raw, { "X-Nango-Hmac-Sha256": documented })).toBe(false);
  });

  it("a creation webhook the emulator sends verifies with verifyIncomingWebhookRequest", async () => {
    t.receiver.received.length = 0;
    const connectionId = await t.seed({
      endUser: { id: "u-wh", email: "wh@example.com", organization: { id: "o-wh" } },
      webhook: true,
    });
    await flush();
    const hook = t.receiver.received.find((r) => r.body.includes(connectionId))!;
    expect(hook.url).toBe("/api/webhooks/nango");
    expect(hook.headers["content-type"]).toBe("application/json");
    expect(hook.body).toBe(stableStringify(JSON.parse(hook.body)));
    expect(JSON.parse(hook.body)).toEqual({
      authMode: "OAUTH2",
      connectionId,
      endUser: { endUserEmail: "wh@example.com", endUserId: "u-wh", organizationId: "o-wh", tags: {} },
      environment: "dev",
      from: "nango",
      operation: "creation",
      provider: "microsoft-teams",
      providerConfigKey: "microsoft-teams",
      success: true,
      tags: { end_user_email: "wh@example.com", end_user_id: "u-wh" },
      type: "auth",
    });
    expect(t.nango.verifyIncomingWebhookRequest(hook.body, hook.headers as Record<string, string>)).toBe(true);
    const legacy = crypto.createHash("sha256").update(`${SIGNING_KEY}${hook.body}`).digest("hex");
    expect(hook.headers["x-nango-signature"]).toBe(legacy);
    const wrongKey = new Nango({ secretKey: "x", webhookSigningKey: "other" });
    expect(wrongKey.verifyIncomingWebhookRequest(hook.body, hook.headers as Record<string, string>)).toBe(false);
  });

  it("retries 5xx (3 attempts in all) but not 4xx", async () => {
    let calls = 0;
    t.receiver.respondWith(() => ({ status: ++calls < 3 ? 503 : 200 }));
    const ok = await t.seed({ webhook: true });
    let deliveries = await flush();
    const delivered = deliveries.find((d) => d.body.includes(ok))!;
    expect(delivered.state).toBe("delivered");
    expect(delivered.attempts.map((a) => a.status)).toEqual([503, 503, 200]);

    t.receiver.respondWith(() => ({ status: 400 }));
    const rejected = await t.seed({ webhook: true });
    deliveries = await flush();
    const failed = deliveries.find((d) => d.body.includes(rejected))!;
    expect(failed.state).toBe("failed");
    expect(failed.attempts).toHaveLength(1);
    t.receiver.respondWith(() => ({ status: 200 }));
  });

  it("pauses (holding every delivery), sends them all on resume, and replays a delivery", async () => {
    await t.emulator.control("/nango/webhooks/pause", {});
    t.receiver.received.length = 0;
    const connectionId = await t.seed({ webhook: true });
    await t.emulator.control(`/nango/connections/${connectionId}/expire`, { expiresInSeconds: 60 });
    // Second event for the same connection: a refresh failure (the refresh token is unknown to Microsoft).
    await fetch(
      `${t.emulator.origins.nango}/connections/${connectionId}?provider_config_key=microsoft-teams&force_refresh=true`,
      {
        headers: { authorization: "Bearer emulator-secret-key-0000000000000000" },
      },
    );
    // Paused: both events are held (flush leaves held ones alone) and none was sent.
    const queued = (await flush()).filter((d) => d.key === connectionId);
    expect(queued.map((d) => [JSON.parse(d.body).operation, d.state, d.attempts.length])).toEqual([
      ["creation", "held", 0],
      ["refresh", "held", 0],
    ]);
    expect(t.receiver.received).toHaveLength(0);
    await t.emulator.control("/nango/webhooks/resume", {});
    const deliveries = await flush();
    const ops = t.receiver.received
      .map((r) => JSON.parse(r.body) as { connectionId: string; operation: string })
      .filter((b) => b.connectionId === connectionId);
    // Unordered, as in Nango: both arrive, in either order.
    expect(ops.map((b) => b.operation).sort()).toEqual(["creation", "refresh"]);

    const first = deliveries.find((d) => d.key === connectionId && d.body.includes('"creation"'))!;
    const replay = (await t.emulator.control(`/nango/webhooks/${first.id}/replay`, {})) as { delivery: Delivery };
    expect(replay.delivery.replayOf).toBe(first.id);
    await flush();
    expect(t.receiver.received.at(-1)!.body).toBe(first.body);
  });
});
