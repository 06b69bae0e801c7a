/** Minimal RS256 JWTs on node:crypto (no jose in this project). */
import { sign, verify, type KeyObject } from "node:crypto";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function signJwt(payload: Record<string, unknown>, key: { kid: string; privateKey: KeyObject }): string {
  const data = `${b64({ typ: "JWT", alg: "RS256", kid: key.kid })}.${b64(payload)}`;
  return `${data}.${sign("RSA-SHA256", Buffer.from(data), key.privateKey).toString("base64url")}`;
}

export type JwtCheck =
  | { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { ok: false; reason: "malformed" | "signature" };

/** Checks shape and signature only; callers check claims (exp, aud) themselves. */
export function verifyJwt(token: string, publicKey: KeyObject): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [head, body, signature] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, "base64url").toString("utf8")) as Record<string, unknown>;
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (header.alg !== "RS256") return { ok: false, reason: "signature" };
  const valid = verify("RSA-SHA256", Buffer.from(`${head}.${body}`), publicKey, Buffer.from(signature, "base64url"));
  return valid ? { ok: true, header, payload } : { ok: false, reason: "signature" };
}
