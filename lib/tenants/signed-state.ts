import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";

const MAX_AGE_MS = 7 * 24 * 60 * 60_000;

const statePayload = z.object({
  /** The tenant the grant is asked for, or null for "the admin's own organization". */
  tenant: z.string().max(100).nullable(),
  /** The app admin who started it, or the user who shares a link with their admin. */
  by: z.object({ id: z.string(), email: z.string(), admin: z.boolean() }),
  at: z.number(),
});
export type AdminConsentState = z.infer<typeof statePayload>;

const sign = (payload: string) =>
  createHmac("sha256", env.AUTH_SECRET).update(`admin-consent|${payload}`).digest("base64url");

/**
 * The `state` of an admin-consent request: who asked and for which tenant, signed with
 * the app's secret so the callback can trust it. A link a user forwards to their admin
 * stays valid for a week (admins are not always at their desk).
 */
export function encodeAdminConsentState(state: AdminConsentState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function decodeAdminConsentState(value: string | null, now = Date.now()): AdminConsentState | null {
  const [payload, mac] = (value ?? "").split(".");
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const state = statePayload.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return now - state.at <= MAX_AGE_MS ? state : null;
  } catch {
    return null;
  }
}
