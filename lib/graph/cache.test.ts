import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { cachedRead, freshKeys, invalidateUserCache } from "./cache";
import { graphPolicy } from "./policy";

describe("per-user Graph cache", () => {
  it("serves a second read from cache, never across users", async () => {
    const load = vi.fn(async () => ({ n: Math.random() }));
    const a1 = await cachedRead("user-a", "/v1.0/me/chats", load);
    const a2 = await cachedRead("user-a", "/v1.0/me/chats", load);
    const b1 = await cachedRead("user-b", "/v1.0/me/chats", load);
    expect(a2).toBe(a1);
    expect(b1).not.toBe(a1);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("shares one upstream call between concurrent reads", async () => {
    const load = vi.fn(() => new Promise((resolve) => setTimeout(() => resolve("v"), 20)));
    await Promise.all([
      cachedRead("user-c", "k", load),
      cachedRead("user-c", "k", load),
      cachedRead("user-c", "k", load),
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("refresh bypasses the cache; invalidation forgets the user's entries, including a read in flight", async () => {
    let n = 0;
    const load = async () => ++n;
    expect(await cachedRead("user-d", "k", load)).toBe(1);
    expect(await cachedRead("user-d", "k", load, { refresh: true })).toBe(2);
    expect(await cachedRead("user-d", "k", load)).toBe(2);
    invalidateUserCache("user-d");
    expect(await cachedRead("user-d", "k", load)).toBe(3);

    const slow = cachedRead(
      "user-d",
      "slow",
      () => new Promise<number>((resolve) => setTimeout(() => resolve(100), 20)),
    );
    invalidateUserCache("user-d");
    expect(await slow).toBe(100);
    expect(await cachedRead("user-d", "slow", load)).toBe(4);
  });

  it("does not cache failures", async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error("boom")).mockResolvedValueOnce("ok");
    await expect(cachedRead("user-e", "k", load)).rejects.toThrow("boom");
    expect(await cachedRead("user-e", "k", load)).toBe("ok");
  });

  it("answers with the last value when Graph is busy or down, but not for other errors or another user", async () => {
    expect(await cachedRead("user-f", "k", async () => "fresh")).toBe("fresh");
    const busy = async () => {
      throw new AppError("throttled", "busy", 3);
    };
    // A refresh that Graph throttles shows what the user already had.
    expect(await cachedRead("user-f", "k", busy, { refresh: true })).toBe("fresh");
    await expect(cachedRead("user-g", "k", busy)).rejects.toMatchObject({ code: "throttled" });
    const denied = async () => {
      throw new AppError("forbidden_scope", "no");
    };
    await expect(cachedRead("user-f", "k", denied, { refresh: true })).rejects.toMatchObject({
      code: "forbidden_scope",
    });
    invalidateUserCache("user-f");
    await expect(cachedRead("user-f", "k", busy)).rejects.toMatchObject({ code: "throttled" });
  });

  it("says which keys a read would answer from the cache: not expired ones, not another user's", async () => {
    await cachedRead("user-f", "fresh", async () => 1);
    const ttl = graphPolicy.cacheTtlMs;
    graphPolicy.cacheTtlMs = 1;
    try {
      await cachedRead("user-f", "expired", async () => 2);
    } finally {
      graphPolicy.cacheTtlMs = ttl;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await freshKeys("user-f", ["fresh", "expired", "never"])).toEqual(new Set(["fresh"]));
    expect(await freshKeys("user-g", ["fresh"])).toEqual(new Set());
    await invalidateUserCache("user-f");
    expect(await freshKeys("user-f", ["fresh"])).toEqual(new Set());
  });
});
