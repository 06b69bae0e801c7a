/**
 * Server-driven paging. `$skiptoken` is opaque to clients but must not be forgeable:
 * it is base64url(JSON {offset, path}) plus an HMAC, so an edited or foreign token is
 * a 400, like Graph's. `@odata.nextLink` is an absolute URL on the Graph origin that
 * keeps the caller's other query options. Like Graph, the link's path carries ids decoded
 * (`/chats/19:abc@thread.v2/messages`) whatever encoding the caller used; both forms are
 * accepted on the way back in. Collections that clients write to page by cursor (the
 * sort key of the last item served), not by offset, so a message posted between two page
 * requests neither repeats nor hides an item at the page boundary, as with Graph's tokens.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { badRequest } from "./errors";

export interface PageOptions<T = unknown> {
  defaultTop: number;
  maxTop: number;
  /** Sort key of an item in a list sorted descending by it: pages continue after the last key served. */
  cursor?: (item: T) => string;
  graphOrigin: string;
  /** HMAC key; derived from the persisted signing key so links survive restarts. */
  secret: string;
}

export type PageResult<T> = { ok: true; value: T[]; nextLink?: string } | { ok: false; response: Response };

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 22);
}

export function paginate<T>(c: Context, items: T[], options: PageOptions<T>): PageResult<T> {
  const topRaw = c.req.query("$top");
  let top = options.defaultTop;
  if (topRaw !== undefined) {
    top = Number(topRaw);
    if (!Number.isInteger(top) || top < 1 || top > options.maxTop) {
      return {
        ok: false,
        response: badRequest(
          c,
          `Invalid page size specified: '${topRaw}'. Must be between 1 and ${options.maxTop} inclusive.`,
        ),
      };
    }
  }
  let offset = 0;
  const token = c.req.query("$skiptoken");
  if (token !== undefined) {
    const decoded = decodeToken(token, options.secret, canonicalPath(c.req.path));
    if (decoded === undefined) return { ok: false, response: badRequest(c, "Invalid skip token.") };
    offset = decoded.key !== undefined && options.cursor ? after(items, options.cursor, decoded.key) : decoded.offset;
  }
  const value = items.slice(offset, offset + top);
  if (offset + top >= items.length) return { ok: true, value };
  const key = options.cursor ? options.cursor(value.at(-1)!) : undefined;
  const path = canonicalPath(c.req.path);
  const url = new URL(`${options.graphOrigin}${path}`);
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (name === "$skiptoken") continue;
    for (const v of values) url.searchParams.append(name, v);
  }
  url.searchParams.set("$skiptoken", skipToken(options.secret, path, offset + top, key));
  return { ok: true, value, nextLink: url.toString() };
}

/** Index of the first item sorting after `key` (the list is sorted descending by cursor). */
function after<T>(items: T[], cursor: (item: T) => string, key: string): number {
  const index = items.findIndex((item) => cursor(item) < key);
  return index < 0 ? items.length : index;
}

/** A `$skiptoken` for `path` starting at `offset` (for links Graph writes inside items, e.g. `replies@odata.nextLink`). */
export function skipToken(secret: string, path: string, offset: number, key?: string): string {
  const body = { o: offset, p: canonicalPath(path), ...(key !== undefined ? { k: key } : {}) };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

function decodeToken(token: string, secret: string, path: string): { offset: number; key?: string } | undefined {
  const [payload, signature] = token.split(".");
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const { o, p, k } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    // A token from another collection is as invalid as a tampered one.
    if (typeof o !== "number" || !Number.isInteger(o) || o < 0 || p !== path) return undefined;
    return { offset: o, ...(typeof k === "string" ? { key: k } : {}) };
  } catch {
    return undefined;
  }
}

/** The path with every segment decoded, then re-encoded leaving `:` and `@` readable (as Graph writes ids). */
export function canonicalPath(path: string): string {
  return path
    .split("/")
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment)).replace(/%3A/gi, ":").replace(/%40/g, "@");
      } catch {
        return segment;
      }
    })
    .join("/");
}
