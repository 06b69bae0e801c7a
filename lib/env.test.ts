import { describe, expect, it } from "vitest";
import { EMULATOR_DEFAULTS, isLoopbackUrl, runtimeConfigProblems } from "./env";

const production = {
  NODE_ENV: "production" as const,
  AUTH_SECRET: "a-real-secret-that-is-long-enough-000000000000",
  NANGO_HOST: "https://api.nango.dev",
  NANGO_SECRET_KEY: "3f1c2b9e-0000-4000-8000-000000000000",
  NANGO_WEBHOOK_SIGNING_KEY: "whsec-real",
  MICROSOFT_LOGIN_URL: "https://login.microsoftonline.com",
  MICROSOFT_CLIENT_ID: "11111111-2222-4333-8444-555555555555",
  MICROSOFT_CLIENT_SECRET: "real-secret",
};

describe("runtime configuration (server start)", () => {
  it("accepts real credentials, and emulator ones when the services are the loopback emulator", () => {
    expect(runtimeConfigProblems(production)).toEqual([]);
    expect(
      runtimeConfigProblems({
        ...production,
        ...EMULATOR_DEFAULTS,
        NANGO_HOST: "http://localhost:4110",
        MICROSOFT_LOGIN_URL: "http://127.0.0.1:4112",
      }),
    ).toEqual([]);
  });

  it("refuses the emulator's keys against real Nango and Microsoft, naming each variable", () => {
    const problems = runtimeConfigProblems({ ...production, ...EMULATOR_DEFAULTS });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "NANGO_SECRET_KEY",
      "NANGO_WEBHOOK_SIGNING_KEY",
      "MICROSOFT_CLIENT_ID",
      "MICROSOFT_CLIENT_SECRET",
    ]);
    expect(problems[0]).toContain("NANGO_HOST is https://api.nango.dev");
  });

  it("checks nothing outside production", () => {
    expect(runtimeConfigProblems({ ...production, ...EMULATOR_DEFAULTS, NODE_ENV: "development" })).toEqual([]);
  });

  it("knows loopback hosts", () => {
    expect(["http://localhost:1", "http://127.0.0.1", "http://[::1]:3"].every(isLoopbackUrl)).toBe(true);
    expect(["https://api.nango.dev", "http://10.0.0.1", "http://localhost.example.com"].some(isLoopbackUrl)).toBe(
      false,
    );
  });
});

describe("REDIS_URL", () => {
  it("accepts redis:// and rediss:// URLs; empty or unset means in process", async () => {
    const { redisUrl } = await import("./env-schema");
    expect(redisUrl.parse("redis://127.0.0.1:6379/1")).toBe("redis://127.0.0.1:6379/1");
    expect(redisUrl.parse("rediss://:pw@cache.example.com:6380")).toBe("rediss://:pw@cache.example.com:6380");
    expect(redisUrl.parse("")).toBeUndefined();
    expect(redisUrl.parse(undefined)).toBeUndefined();
    for (const bad of ["127.0.0.1:6379", "http://cache:6379", "redis://"])
      expect(redisUrl.safeParse(bad).success, bad).toBe(false);
  });
});
