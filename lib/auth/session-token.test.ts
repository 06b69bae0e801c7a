import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

const secret = "a-test-secret-of-enough-length-0123456789";

describe("session token", () => {
  it("reads cookies next-auth issued, and next-auth reads ours (same format)", async () => {
    const theirs = await encode({ token: { uid: "u1", sv: 3 }, secret, maxAge: 60 });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject({ uid: "u1", sv: 3 });
    const ours = await encodeSessionToken({ token: { uid: "u2", sv: 1 }, secret, maxAge: 60 });
    expect(await decode({ token: ours, secret })).toMatchObject({ uid: "u2", sv: 1 });
  });

  it("sets issued-at, expiry and a fresh token id", async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = await decodeSessionToken({ token: await encodeSessionToken({ token: {}, secret, maxAge: 600 }), secret });
    const b = await decodeSessionToken({ token: await encodeSessionToken({ token: {}, secret, maxAge: 600 }), secret });
    expect(a?.iat).toBeGreaterThanOrEqual(before);
    expect(a?.exp).toBe((a?.iat as number) + 600);
    expect(a?.jti).not.toBe(b?.jti);
  });

  it("refuses a token made with another secret, a tampered one and an expired one", async () => {
    const token = await encodeSessionToken({ token: { uid: "u1" }, secret, maxAge: 60 });
    await expect(decodeSessionToken({ token, secret: `${secret}-other` })).rejects.toThrow();
    // Flip a character of the authentication tag that carries all six of its bits (the last
    // one carries only four), and pick the replacement from that character itself: choosing
    // it from another one left the token unchanged one time in 64.
    const at = token.length - 3;
    const tampered = `${token.slice(0, at)}${token[at] === "A" ? "B" : "A"}${token.slice(at + 1)}`;
    expect(tampered).not.toBe(token);
    await expect(decodeSessionToken({ token: tampered, secret })).rejects.toThrow();
    // Past the 15 s clock tolerance next-auth allows.
    const expired = await encodeSessionToken({ token: { uid: "u1" }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
  });

  it("keeps a key per salt: a token for one salt does not open with another", async () => {
    const token = await encodeSessionToken({ token: { uid: "u1" }, secret, salt: "a", maxAge: 60 });
    expect(await decodeSessionToken({ token, secret, salt: "a" })).toMatchObject({ uid: "u1" });
    await expect(decodeSessionToken({ token, secret, salt: "b" })).rejects.toThrow();
    expect(await decodeSessionToken({ token: "", secret })).toBeNull();
  });
});
