/**
 * `/proxy/*`: Nango's passthrough to the provider API (here the emulated Graph).
 * Only `Nango-Proxy-*` headers go upstream (prefix stripped) plus the connection's bearer
 * token; credentials are refreshed first when close to expiry; `Retries` / `Retry-On`
 * follow Nango's retry rules, waiting for the provider's `retry-after` when present.
 * Upstream errors come back unchanged (status, body, headers) so callers see Graph's
 * error and throttling headers.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { EmulatorConfig } from "../../core/config";
import { requireAuth } from "../auth";
import type { NangoEnv } from "../env";
import { fail, zodIssues } from "../errors";
import type { Integration } from "../integration";
import type { Refresher } from "../refresh";
import { connectionIdSchema, providerConfigKey } from "../schemas";
import { findConnection, type NangoSection } from "../state";

const headerSchema = z.object({
  "provider-config-key": providerConfigKey,
  "connection-id": connectionIdSchema,
  retries: z.coerce.number().optional().default(0),
  "base-url-override": z.url().or(z.literal("")).optional(),
  decompress: z.enum(["true", "false"]).optional(),
  "retry-on": z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .optional(),
  "nango-activity-log-id": z.string().max(255).optional(),
  "nango-is-sync": z.enum(["true", "false"]).optional(),
  "nango-is-dry-run": z.enum(["true", "false"]).optional(),
});

/** Nango's legacy success allowlist; everything else is dropped on a 2xx. */
const SUCCESS_HEADERS = ["content-type", "mcp-session-id", "x-request-id", "x-correlation-id"];
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "content-length",
  "content-encoding",
]);
const MAX_WAIT_MS = 10 * 60 * 1000;

export interface ProxySettings {
  /** Default backoff base when the provider gives no retry-after (Nango: 3000 ms). */
  retryBaseMs: number;
}

function forwardedHeaders(c: Context): Headers {
  const out = new Headers();
  c.req.raw.headers.forEach((value, key) => {
    if (key.toLowerCase().startsWith("nango-proxy-")) out.set(key.slice("nango-proxy-".length), value);
  });
  return out;
}

function passthroughHeaders(upstream: Headers, all: boolean): Headers {
  const out = new Headers();
  upstream.forEach((value, key) => {
    const lower = key.toLowerCase();
    if (all ? !HOP_BY_HOP.has(lower) && !lower.startsWith("access-control-") : SUCCESS_HEADERS.includes(lower))
      out.set(key, value);
  });
  return out;
}

function retryWait(response: Response | null, attempt: number, integration: Integration, baseMs: number): number {
  const after = integration.template.proxy.retry?.after;
  const names = Array.isArray(after) ? after : after ? [after] : [];
  const waits = names.map((name) => Number(response?.headers.get(name))).filter((n) => Number.isFinite(n) && n >= 0);
  if (waits.length > 0) return Math.min(Math.max(...waits) * 1000, MAX_WAIT_MS);
  return Math.min(baseMs * 2 ** attempt, MAX_WAIT_MS);
}

export function proxyRoutes(
  config: EmulatorConfig,
  section: NangoSection,
  integration: Integration,
  refresher: Refresher,
  settings: ProxySettings,
) {
  const app = new Hono<NangoEnv>();
  app.all("/proxy/*", requireAuth("secretKey", config.nango.secretKey, section), async (c) => {
    const parsed = headerSchema.safeParse(Object.fromEntries(c.req.raw.headers));
    if (!parsed.success) return fail(c, 400, "invalid_headers", { errors: zodIssues(parsed.error.issues) });
    const h = parsed.data;
    if (h["provider-config-key"] !== integration.uniqueKey) {
      return fail(c, 404, "unknown_provider_config", {
        message:
          "Provider config not found for the given provider config key. Please make sure the provider config exists in the Nango dashboard.",
      });
    }
    const connection = findConnection(section.data, h["connection-id"], h["provider-config-key"]);
    if (!connection) return fail(c, 400, "server_error", { message: "Failed to get connection" });

    const url = new URL(c.req.url);
    const endpoint = url.pathname.replace(/^\/proxy\/?/, "/") + url.search;
    const base = (h["base-url-override"] || integration.template.proxy.base_url).replace(/\/+$/, "");
    const target = base + endpoint;
    const retryOn = h["retry-on"]?.split(",").map(Number) ?? [];
    const body = ["GET", "HEAD"].includes(c.req.method) ? undefined : await c.req.arrayBuffer();

    let lastResponse: Response | null = null;
    for (let attempt = 0; ; attempt++) {
      const fresh = await refresher.ensureFresh(connection);
      if (!fresh.ok) return credentialsFailure(c, fresh);
      const headers = forwardedHeaders(c);
      headers.set("authorization", `Bearer ${connection.credentials.access_token}`);
      const contentType = c.req.header("content-type");
      if (body && contentType && !headers.has("content-type")) headers.set("content-type", contentType);

      let response: Response | null = null;
      let networkError: unknown;
      try {
        response = await fetch(target, { method: c.req.method, headers, body, redirect: "follow" });
      } catch (error) {
        networkError = error;
      }
      lastResponse = response;
      const status = response?.status ?? 0;
      const retryable = !response || status >= 500 || status === 429 || status === 401 || retryOn.includes(status);
      if ((response?.ok || !retryable) && response) return relay(response);
      if (attempt >= h.retries) {
        if (response) return relay(response);
        const message = networkError instanceof Error ? networkError.message : String(networkError);
        return c.json(
          {
            message,
            code: (networkError as { cause?: { code?: string } })?.cause?.code,
            url: target,
            method: c.req.method,
          },
          500,
        );
      }
      await response?.arrayBuffer().catch(() => undefined);
      await new Promise((resolve) =>
        setTimeout(resolve, retryWait(lastResponse, attempt, integration, settings.retryBaseMs)),
      );
    }
  });
  return app;
}

async function relay(response: Response): Promise<Response> {
  const chunked = response.headers.get("transfer-encoding") === "chunked";
  const headers = passthroughHeaders(response.headers, !response.ok || chunked);
  if (response.status === 204) return new Response(null, { status: 204, headers });
  return new Response(await response.arrayBuffer(), { status: response.status, headers });
}

function credentialsFailure(c: Context, result: Extract<Awaited<ReturnType<Refresher["ensureFresh"]>>, { ok: false }>) {
  if (result.type === "connection_refresh_backoff") return fail(c, 424, result.type, { message: result.message });
  return fail(c, result.status, "server_error", {
    message: `Failed to get connection credentials: '${result.message}'`,
  });
}
