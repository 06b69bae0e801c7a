import "server-only";
import { AppError } from "@/lib/errors";
import type { GraphConnection } from "./connection";
import { graphRequest, type RequestOptions } from "./request";

export interface GraphCollection<T> {
  value?: T[];
  "@odata.nextLink"?: string;
}

export interface GraphPage<T> {
  items: T[];
  /** The next page's endpoint (path + query on the Graph origin), or null at the end. */
  next: string | null;
}

/**
 * A nextLink as an endpoint for the proxy: its path and query exactly as Graph sent
 * them (never re-encoded, never parsed for `$skiptoken`), and only if it continues the
 * same collection. Graph builds the link itself and may send ids decoded
 * (`/chats/19:abc@thread.v2/messages`) where we sent them encoded, so the paths are
 * compared decoded; the link is still followed byte for byte.
 */
export function nextEndpoint(nextLink: string | undefined, collectionPath: string): string | null {
  if (!nextLink) return null;
  let origin: string;
  try {
    origin = new URL(nextLink).origin;
  } catch {
    throw new AppError("upstream_unavailable", "Microsoft Teams sent an invalid page link.");
  }
  const endpoint = nextLink.startsWith(origin) ? nextLink.slice(origin.length) : "";
  const path = endpoint.split("?")[0];
  const decoded = path === undefined ? null : decodedPath(path);
  if (decoded === null || decoded !== decodedPath(collectionPath))
    throw new AppError("upstream_unavailable", "Microsoft Teams sent an unexpected page link.");
  return endpoint;
}

function decodedPath(path: string): string | null {
  try {
    return decodeURIComponent(path).toLowerCase();
  } catch {
    return null;
  }
}

export const collectionPath = (endpoint: string) => endpoint.split("?")[0]!;

export async function getPage<T>(
  connection: GraphConnection,
  endpoint: string,
  options?: RequestOptions,
): Promise<GraphPage<T>> {
  const { data } = await graphRequest<GraphCollection<T>>(connection, { endpoint }, options);
  return { items: data.value ?? [], next: nextEndpoint(data["@odata.nextLink"], collectionPath(endpoint)) };
}

/** Every page of a collection, following nextLinks to the end (bounded against loops). */
export async function getAllPages<T>(
  connection: GraphConnection,
  endpoint: string,
  { maxPages = 200, ...options }: RequestOptions & { maxPages?: number } = {},
): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = endpoint;
  for (let page = 0; next && page < maxPages; page++) {
    const result: GraphPage<T> = await getPage<T>(connection, next, options);
    items.push(...result.items);
    next = result.next;
  }
  return items;
}
