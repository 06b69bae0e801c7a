import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

const base = { nonce: "bm9uY2Utc2FtcGxlLTEyMw==", connectUiUrl: "https://connect.nango.dev", https: true };

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("content security policy", () => {
  it("is the documented production policy, pointed at the configured Connect UI", () => {
    expect(contentSecurityPolicy({ ...base, development: false })).toBe(
      "default-src 'self'; " +
        "script-src 'self' 'nonce-bm9uY2Utc2FtcGxlLTEyMw==' 'strict-dynamic'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "frame-src https://connect.nango.dev; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'; " +
        "upgrade-insecure-requests",
    );
  });

  it("allows eval only in development, and never inline scripts", () => {
    const prod = directives(contentSecurityPolicy({ ...base, development: false }));
    const dev = directives(contentSecurityPolicy({ ...base, development: true }));
    expect(prod.get("script-src")).not.toContain("'unsafe-eval'");
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    for (const policy of [prod, dev]) {
      expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
      // A nonce beside 'unsafe-inline' would make browsers drop 'unsafe-inline' for styles.
      expect(policy.get("style-src")!.some((source) => source.startsWith("'nonce-"))).toBe(false);
    }
  });

  it("frames only the Connect UI's origin, whatever path the setting has", () => {
    const policy = directives(
      contentSecurityPolicy({
        ...base,
        connectUiUrl: "http://localhost:4411/connect/",
        development: false,
        https: false,
      }),
    );
    expect(policy.get("frame-src")).toEqual(["http://localhost:4411"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("carries a nonce Next.js reads back from the request header", () => {
    const nonce = newNonce();
    expect(getScriptNonceFromHeader(contentSecurityPolicy({ ...base, nonce, development: false }))).toBe(nonce);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});
