import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, errorMessage } from "./api";

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(body === undefined ? "not json" : JSON.stringify(body), { status, headers })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("api", () => {
  it("sends the body as JSON and returns the parsed answer", async () => {
    answer(200, { requested: 2 });
    await expect(api("/api/admin/reprompts", { method: "POST", body: { prompt: "consent" } })).resolves.toEqual({
      requested: 2,
    });
    const [url, init] = vi.mocked(fetch).mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/api/admin/reprompts");
    expect(init).toMatchObject({
      method: "POST",
      body: '{"prompt":"consent"}',
      headers: { "content-type": "application/json" },
    });
  });

  it("turns the server's error shape into one ApiError", async () => {
    answer(429, { error: { code: "throttled", message: "Microsoft Teams is busy.", retryAfter: 12 } });
    const error = await api("/api/chats").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "throttled",
      message: "Microsoft Teams is busy.",
      status: 429,
      retryAfter: 12,
    });
    expect(errorMessage(error)).toBe("Microsoft Teams is busy. Try again in 12 seconds.");
  });

  it("says what to do when the body is not the error shape", async () => {
    answer(502, undefined, { "retry-after": "5" });
    const error = await api("/api/teams").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "unexpected_response",
      message: "Request failed (502). Try again.",
      status: 502,
      retryAfter: 5,
    });
  });

  it("adds the reconnect step for a connection Microsoft stopped accepting", async () => {
    answer(409, { error: { code: "needs_reconnect", message: "Microsoft stopped accepting this connection." } });
    const error = await api("/api/chats").catch((e: unknown) => e);
    expect(errorMessage(error)).toBe("Microsoft stopped accepting this connection. Reconnect on the Connections page.");
  });

  it("adds the caller's headers and answers undefined for an empty 204", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(
      api("/api/chats/c1/messages/m1/reactions/like", { method: "PUT", headers: { "Idempotency-Key": "k-1" } }),
    ).resolves.toBeUndefined();
    const [, init] = vi.mocked(fetch).mock.calls[0] as [string, RequestInit];
    expect(init.headers).toMatchObject({ accept: "application/json", "Idempotency-Key": "k-1" });
  });

  it("keeps the permissions a consent error names", async () => {
    answer(403, {
      error: { code: "forbidden", message: "Sending needs your permission.", scopes: ["ChatMessage.Send"] },
    });
    await expect(api("/api/chats/c1/messages", { method: "POST", body: { content: "hi" } })).rejects.toMatchObject({
      status: 403,
      scopes: ["ChatMessage.Send"],
    });
  });

  it("reports an unreachable server as a network error", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    await expect(api("/api/connections", { method: "DELETE" })).rejects.toMatchObject({
      code: "network_error",
      status: 0,
    });
  });
});
