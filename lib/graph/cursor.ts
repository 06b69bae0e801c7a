import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const MAX_AGE_MS = 60 * 60 * 1000;

function mac(payload: string): string {
  return createHmac("sha256", env.AUTH_SECRET).update(`graph-cursor|${payload}`).digest("base64url");
}

/**
 * Our paging token for the browser: a Graph nextLink endpoint, signed and bound to the
 * user and the list it belongs to, so a client can only hand back what we gave it and
 * can never make the server fetch a URL of its choosing.
 */
export function encodeCursor(userId: string, scope: string, endpoint: string): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, s: scope, e: endpoint, t: Date.now() })).toString(
    "base64url",
  );
  return `${payload}.${mac(payload)}`;
}

export function decodeCursor(userId: string, scope: string, cursor: string): string {
  const invalid = new AppError("invalid_input", "This page link is no longer valid. Reload the list.");
  const [payload, signature] = cursor.split(".");
  if (!payload || !signature) throw invalid;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
  let data: { u?: unknown; s?: unknown; e?: unknown; t?: unknown };
  try {
    data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (data.u !== userId || data.s !== scope || typeof data.e !== "string" || !data.e.startsWith("/v1.0/"))
    throw invalid;
  if (typeof data.t !== "number" || Date.now() - data.t > MAX_AGE_MS) throw invalid;
  return data.e;
}
