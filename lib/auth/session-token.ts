/**
 * The session cookie's JWE, in next-auth 4's own format (`dir` + A256GCM under a key
 * derived from the secret with HKDF), so cookies issued before and after are the same.
 *
 * Why not next-auth's `encode`/`decode`: they run HKDF on every call, and a page or
 * route reads the session on every request. The derived key depends only on the secret
 * and the salt, so it is derived once per pair here. This is next-auth's documented
 * extension point (`jwt: { encode, decode }` in the options, `decode` for `getToken`).
 */
import hkdf from "@panva/hkdf";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const keys = new Map<string, Promise<Uint8Array>>();

function derivedKey(secret: string | Buffer, salt: string): Promise<Uint8Array> {
  const id = `${salt}\u0000${secret.toString()}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = hkdf("sha256", secret, salt, info, 32);
    // Dropped again if it fails, so a transient error is not remembered.
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}

export async function encodeSessionToken({
  token = {},
  secret,
  maxAge = DEFAULT_MAX_AGE_SECONDS,
  salt = "",
}: JWTEncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(await derivedKey(secret, salt));
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await derivedKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
