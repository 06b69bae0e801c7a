/**
 * Live updates: Graph must reach the notification endpoints (docs/setup.md, step 6).
 * From here the doctor can tell whether the address is one Microsoft could reach at
 * all (public https) and whether both endpoints answer Graph's validation handshake
 * there; whether Microsoft's network really reaches it only a subscription can show.
 */
import { randomUUID } from "node:crypto";
import { isLoopbackUrl } from "@/lib/env";
import { fail, pass, warn, type CheckResult, type DoctorConfig } from "./types";

type LiveConfig = Pick<DoctorConfig, "APP_URL" | "NANGO_HOST"> &
  Partial<Pick<DoctorConfig, "LIVE_UPDATES" | "GRAPH_NOTIFICATION_URL">>;

const TITLE = "Live updates (Graph notifications)";
/** Graph waits 10 s for the handshake; half of that is already a warning. */
const SLOW_MS = 5_000;
const TIMEOUT_MS = 10_000;
const PRIVATE_HOST = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)|\.local$|\.internal$/;

export async function checkLiveUpdates(config: LiveConfig): Promise<CheckResult> {
  if (config.LIVE_UPDATES === "off") return pass(TITLE, "off (LIVE_UPDATES=off): pages are snapshots of cached reads");
  const base = (config.GRAPH_NOTIFICATION_URL ?? config.APP_URL).replace(/\/+$/, "");
  const fix =
    "set GRAPH_NOTIFICATION_URL (or APP_URL) to the app's public https address and forward POST /api/graph/notifications and /api/graph/lifecycle to it without authentication (docs/setup.md, step 6), or set LIVE_UPDATES=off";
  const realGraph = !isLoopbackUrl(config.NANGO_HOST);
  const host = new URL(base).hostname;
  if (realGraph && (!base.startsWith("https://") || isLoopbackUrl(base) || PRIVATE_HOST.test(host)))
    return fail(TITLE, `${base} cannot be reached by Microsoft Graph (it needs a public https address)`, fix);
  for (const path of ["/api/graph/notifications", "/api/graph/lifecycle"]) {
    // Graph's tokens carry spaces, plus signs and markup-like text: all must come back verbatim.
    const token = `Validation: doctor <check> +${randomUUID()}`;
    const url = `${base}${path}?validationToken=${encodeURIComponent(token)}`;
    const started = performance.now();
    let answer: Response;
    try {
      answer = await fetch(url, {
        method: "POST",
        headers: { "content-type": "text/plain; charset=utf-8" },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      return warn(TITLE, `${base}${path} is not answering (is the app running?)`, `start the app, then ${fix}`);
    }
    const body = await answer.text();
    const type = answer.headers.get("content-type") ?? "";
    if (answer.status !== 200 || !type.startsWith("text/plain") || body !== token)
      return fail(
        TITLE,
        `${base}${path} answered the validation handshake with ${answer.status} ${type || "(no type)"}, not the token as text/plain`,
        `check that the address points at this app and nothing in front rewrites the answer; ${fix}`,
      );
    const took = performance.now() - started;
    if (took > SLOW_MS)
      return warn(TITLE, `${base}${path} took ${Math.round(took)} ms to answer (Graph gives up at 10 s)`, fix);
  }
  return pass(
    TITLE,
    `${base} answers Graph's validation handshake on both endpoints (from here; whether Microsoft's network reaches it only a subscription shows)`,
  );
}
