import { describe, expect, it, vi } from "vitest";
import { cachedRead, invalidateUserCache } from "./cache";

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
    await Promise.all([cachedRead("user-c", "k", load), cachedRead("user-c", "k", load), cachedRead("user-c", "k", load)]);
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

    const slow = cachedRead("user-d", "slow", () => new Promise<number>((resolve) => setTimeout(() => resolve(100), 20)));
    invalidateUserCache("user-d");
    expect(await slow).toBe(100);
    expect(await cachedRead("user-d", "slow", load)).toBe(4);
  });

  it("does not cache failures", async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error("boom")).mockResolvedValueOnce("ok");
    await expect(cachedRead("user-e", "k", load)).rejects.toThrow("boom");
    expect(await cachedRead("user-e", "k", load)).toBe("ok");
  });
});
