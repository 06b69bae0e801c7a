/**
 * `POST /v1.0/$batch`: up to 20 requests, each replayed through the same Graph app (so
 * auth, scopes and throttling apply per item, as in Graph). The envelope is a 200 even
 * when items fail; a throttled item is a 429 with `Retry-After` in its own headers.
 * Items run sequentially and come back in request order: Graph may reorder them, so
 * clients must match by `id` (the order here is not a promise).
 */
import type { Hono } from "hono";
import type { GraphEnv } from "./env";
import { badRequest } from "./errors";

const MAX_REQUESTS = 20;
const METHODS = new Set(["GET", "POST", "PATCH", "PUT", "DELETE"]);

interface BatchItem {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: unknown;
}

export function registerBatch(app: Hono<GraphEnv>): void {
  app.post("/v1.0/$batch", async (c) => {
    const payload = (await c.req.json().catch(() => null)) as { requests?: BatchItem[] } | null;
    const requests = payload?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return badRequest(c, "Invalid batch payload format.");
    if (requests.length > MAX_REQUESTS)
      return badRequest(c, `The number of batch requests exceeds the maximum of ${MAX_REQUESTS}.`);
    const ids = new Set<string>();
    for (const item of requests) {
      if (
        typeof item.id !== "string" ||
        !item.id ||
        typeof item.url !== "string" ||
        !METHODS.has(String(item.method).toUpperCase())
      ) {
        return badRequest(c, "Invalid batch payload format: every request needs an id, a method and a url.");
      }
      if (ids.has(item.id)) return badRequest(c, `Batch request ids must be unique: '${item.id}' is repeated.`);
      ids.add(item.id);
    }

    const statuses = new Map<string, number>();
    const responses = [];
    for (const item of requests) {
      const id = item.id as string;
      const depends = Array.isArray(item.dependsOn) ? (item.dependsOn as string[]) : [];
      if (depends.some((dep) => (statuses.get(dep) ?? 424) >= 400)) {
        statuses.set(id, 424);
        responses.push({
          id,
          status: 424,
          headers: { "Content-Type": "application/json" },
          body: { error: { code: "FailedDependency", message: "A dependency failed." } },
        });
        continue;
      }
      const url = String(item.url).replace(/^\/?(v1\.0\/)?/, "/v1.0/");
      const headers = new Headers(item.headers ?? {});
      headers.set("authorization", c.req.header("authorization") ?? "");
      const hasBody = item.body !== undefined;
      if (hasBody && !headers.has("content-type")) headers.set("content-type", "application/json");
      const response = await app.request(url, {
        method: String(item.method).toUpperCase(),
        headers,
        body: hasBody ? JSON.stringify(item.body) : undefined,
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const itemHeaders: Record<string, string> = {};
      const contentType = response.headers.get("content-type");
      // JSON batching base64-encodes bodies that are not JSON (hostedContents' $value).
      const json = !contentType || contentType.includes("json");
      if (contentType) itemHeaders["Content-Type"] = contentType;
      const retryAfter = response.headers.get("retry-after");
      if (retryAfter) itemHeaders["Retry-After"] = retryAfter;
      statuses.set(id, response.status);
      responses.push({
        id,
        status: response.status,
        headers: itemHeaders,
        body:
          bytes.length === 0 ? null : json ? (JSON.parse(bytes.toString("utf8")) as unknown) : bytes.toString("base64"),
      });
    }
    return c.json({ responses });
  });
}
