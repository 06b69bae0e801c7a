/** `npm run doctor`'s Redis check: only when configured; never prints the password. */
import { describe, expect, it } from "vitest";
import { checkRedis, describeRedis } from "./redis";

const REDIS_URL = process.env.TEST_REDIS_URL;

describe("doctor: Redis", () => {
  it("checks nothing without REDIS_URL", async () => {
    expect(await checkRedis(undefined)).toEqual([]);
  });

  it("fails with a fix when Redis does not answer, naming host and port but not the password", async () => {
    const [result] = await checkRedis("redis://:s3cret-pass@127.0.0.1:9/2");
    expect(result).toMatchObject({ title: "Redis reachable", status: "fail" });
    expect(result!.detail).toContain("redis://127.0.0.1:9/2");
    expect(JSON.stringify(result)).not.toContain("s3cret");
    expect(describeRedis("rediss://user:pw@cache.example.com")).toBe("rediss://cache.example.com:6379/0");
  });

  it.skipIf(!REDIS_URL)("passes against a running Redis 7", async () => {
    const [result] = await checkRedis(REDIS_URL);
    expect(result).toMatchObject({ title: "Redis reachable", status: "pass" });
    expect(result!.detail).toMatch(/Redis 7\./);
  });
});
