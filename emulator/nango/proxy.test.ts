// The proxy through the real SDK: paging, header forwarding, error passthrough, retries, refresh failure.
import { Nango } from "@nangohq/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiError, KEY, setup, SIGNING_KEY } from "./test/fixture";
import { startReceiver } from "./test/receiver";

let t: Awaited<ReturnType<typeof setup>>;
let upstream: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await setup();
  upstream = await startReceiver();
});
afterAll(async () => {
  await t.close();
  await upstream.close();
});

/** A Graph-like collection of 5 chats served 2 per page with absolute @odata.nextLink URLs. */
function pagedChats(req: { url: string }) {
  const url = new URL(req.url, upstream.url);
  const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
  const value = [0, 1, 2, 3, 4].slice(skip, skip + 2).map((i) => ({ id: `chat-${i}` }));
  const next = skip + 2 < 5 ? `${upstream.url}/v1.0/me/chats?$top=2&$skiptoken=${skip + 2}` : undefined;
  return {
    status: 200,
    headers: { "content-type": "application/json", "request-id": "req-1", "x-request-id": "xr-1" },
    body: JSON.stringify({ value, ...(next ? { "@odata.nextLink": next } : {}) }),
  };
}

describe("proxy", () => {
  it("pages through @odata.nextLink with the connection's token and forwarded headers", async () => {
    const connectionId = await t.seed({ accessToken: "at-paging" });
    upstream.respondWith(pagedChats);
    upstream.received.length = 0;
    const ids: string[] = [];
    let endpoint: string | undefined = "/v1.0/me/chats?$top=2";
    while (endpoint) {
      const res: {
        data: { value: Array<{ id: string }>; "@odata.nextLink"?: string };
        headers: Record<string, unknown>;
      } = await t.nango.get({
        endpoint,
        connectionId,
        providerConfigKey: KEY,
        baseUrlOverride: upstream.url,
        headers: { ConsistencyLevel: "eventual" },
      });
      ids.push(...res.data.value.map((v) => v.id));
      expect(res.headers["x-request-id"]).toBe("xr-1");
      const next = res.data["@odata.nextLink"];
      endpoint = next ? next.slice(new URL(next).origin.length) : undefined;
    }
    expect(ids).toEqual(["chat-0", "chat-1", "chat-2", "chat-3", "chat-4"]);
    expect(upstream.received).toHaveLength(3);
    const first = upstream.received[0]!;
    expect(first.headers.authorization).toBe("Bearer at-paging");
    expect(first.headers.consistencylevel).toBe("eventual");
    expect(
      Object.keys(first.headers).some(
        (h) => h.startsWith("nango-") || h === "connection-id" || h === "provider-config-key",
      ),
    ).toBe(false);
  });

  it("passes upstream errors through with status, body and throttling headers", async () => {
    const connectionId = await t.seed();
    const body = JSON.stringify({ error: { code: "TooManyRequests", message: "Too many requests" } });
    upstream.respondWith(() => ({
      status: 429,
      headers: { "content-type": "application/json", "retry-after": "7", "request-id": "rid-429" },
      body,
    }));
    const failure = await apiError(
      t.nango.get({ endpoint: "/v1.0/me", connectionId, providerConfigKey: KEY, baseUrlOverride: upstream.url }),
    );
    expect(failure.status).toBe(429);
    expect(failure.body).toEqual(JSON.parse(body));
    try {
      await t.nango.get({ endpoint: "/v1.0/me", connectionId, providerConfigKey: KEY, baseUrlOverride: upstream.url });
    } catch (error) {
      const headers = (error as { response: { headers: Record<string, string> } }).response.headers;
      expect(headers["retry-after"]).toBe("7");
      expect(headers["request-id"]).toBe("rid-429");
    }
  });

  it("retries 5xx, 429 and Retry-On statuses, honouring retry-after", async () => {
    const connectionId = await t.seed();
    let calls = 0;
    upstream.respondWith((): { status: number; headers?: Record<string, string>; body: string } => {
      calls += 1;
      if (calls === 1) return { status: 503, headers: { "retry-after": "0" }, body: "busy" };
      if (calls === 2) return { status: 403, body: "forbidden" };
      return { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' };
    });
    const res = await t.nango.get({
      endpoint: "/v1.0/me",
      connectionId,
      providerConfigKey: KEY,
      baseUrlOverride: upstream.url,
      retries: 3,
      retryOn: [403],
    });
    expect(res.data).toEqual({ ok: true });
    expect(calls).toBe(3);

    calls = 0;
    upstream.respondWith(() => ({ status: 403, body: "forbidden" }));
    const noRetry = await apiError(
      t.nango.get({
        endpoint: "/v1.0/me",
        connectionId,
        providerConfigKey: KEY,
        baseUrlOverride: upstream.url,
        retries: 3,
      }),
    );
    expect(noRetry.status).toBe(403);
    expect(upstream.received.at(-2)?.url).not.toBeUndefined();
  });

  it("a failed refresh is a 400 server_error, sends a signed refresh webhook, then backs off (424)", async () => {
    // Expires within 15 minutes, with a refresh token the emulated Microsoft doesn't know.
    const connectionId = await t.seed({
      expiresInSeconds: 60,
      refreshToken: "rt-unknown",
      endUser: { id: "u-refresh" },
    });
    t.receiver.received.length = 0;
    const failure = await apiError(
      t.nango.get({ endpoint: "/v1.0/me", connectionId, providerConfigKey: KEY, baseUrlOverride: upstream.url }),
    );
    expect(failure).toEqual({
      status: 400,
      body: {
        error: {
          code: "server_error",
          message:
            "Failed to get connection credentials: 'The external API returned an error when trying to refresh the access token. Please try again later.'",
        },
      },
    });
    await t.emulator.control("/nango/webhooks/flush", {});
    const hook = t.receiver.received.find((r) => JSON.parse(r.body).connectionId === connectionId)!;
    expect(JSON.parse(hook.body)).toMatchObject({
      type: "auth",
      operation: "refresh",
      success: false,
      error: { type: "refresh_token_external_error", description: expect.stringContaining("refresh the access token") },
      tags: { end_user_id: "u-refresh" },
    });
    expect(JSON.parse(hook.body).endUser).toBeUndefined();
    const verifier = new Nango({ secretKey: "unused", host: t.emulator.origins.nango, webhookSigningKey: SIGNING_KEY });
    expect(verifier.verifyIncomingWebhookRequest(hook.body, hook.headers as Record<string, string>)).toBe(true);

    const backoff = await apiError(
      t.nango.get({ endpoint: "/v1.0/me", connectionId, providerConfigKey: KEY, baseUrlOverride: upstream.url }),
    );
    expect(backoff.status).toBe(424);
    expect(backoff.body.error.code).toBe("connection_refresh_backoff");

    const viaGet = await apiError(t.nango.getConnection(KEY, connectionId, true));
    expect(viaGet.status).toBe(400);
    expect(viaGet.body.error.code).toBe("invalid_credentials");
  });
});
