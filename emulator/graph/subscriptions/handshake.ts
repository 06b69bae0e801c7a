/**
 * The endpoint validation Graph runs before it creates a subscription (and for a new
 * notificationUrl on PATCH), per Microsoft's "notificationUrl validation":
 * `POST {url}?validationToken={url-encoded token}` with `Content-Type: text/plain;
 * charset=utf-8` and no body; the endpoint must answer within 10 s with `200`, a
 * `text/plain` content type and exactly the decoded token. Graph does not follow redirects.
 * Both the notificationUrl and the lifecycleNotificationUrl are validated.
 */
import { randomUUID } from "node:crypto";

export type HandshakeResult = { ok: true } | { ok: false; reason: string };

/**
 * Graph's tokens read like "Validation: Testing client application reachability for
 * subscription Request-Id: …". This one adds `+`, `<` and `&` on purpose: an endpoint that
 * echoes the raw query, decodes `+` wrongly or answers with HTML fails, as it would later
 * fail on some real token.
 */
export function newValidationToken(): string {
  return `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()} +<&`;
}

export function withQuery(url: string, name: string, value: string): string {
  const hash = url.indexOf("#");
  const base = hash === -1 ? url : url.slice(0, hash);
  return `${base}${base.includes("?") ? "&" : "?"}${name}=${encodeURIComponent(value)}`;
}

export async function validateEndpoint(url: string, timeoutMs: number): Promise<HandshakeResult> {
  const token = newValidationToken();
  try {
    const response = await fetch(withQuery(url, "validationToken", token), {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    if (response.status !== 200) return { ok: false, reason: `answered ${response.status}` };
    const type = response.headers.get("content-type") ?? "";
    if (!/^text\/plain(\s*;|$)/i.test(type.trim())) return { ok: false, reason: `content type '${type}'` };
    if (body !== token) return { ok: false, reason: "the body is not the decoded validation token" };
    return { ok: true };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    return {
      ok: false,
      reason: name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `unreachable (${String(error)})`,
    };
  }
}
