import "server-only";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { z } from "zod";
import { decodeParam, graphIdSchema } from "@/lib/graph/ids";
import type { ReadOptions } from "@/lib/graph/read";
import { rateLimit } from "@/lib/http/rate-limit";

const query = z.object({
  cursor: z.string().min(1).max(4_000).optional(),
  refresh: z.literal("1").optional(),
});

/**
 * The query of a Teams data route: an optional paging cursor (ours, signed) and
 * `refresh=1`, which skips the cache and is rate limited per user.
 */
export async function readQuery(
  request: NextRequest,
  userId: string,
): Promise<{ cursor?: string; options: ReadOptions }> {
  const parsed = query.parse({
    cursor: request.nextUrl.searchParams.get("cursor") ?? undefined,
    refresh: request.nextUrl.searchParams.get("refresh") ?? undefined,
  });
  if (parsed.refresh) await rateLimit("graph-refresh", userId, { capacity: 5, refillPerMinute: 6 });
  return { cursor: parsed.cursor, options: { refresh: parsed.refresh === "1" } };
}

/** Route params that are Graph ids, validated by shape (400 invalid_input otherwise). */
export function idParams<K extends string>(params: Record<K, string>): Record<K, string> {
  const shape = Object.fromEntries(Object.keys(params).map((key) => [key, graphIdSchema])) as Record<
    K,
    typeof graphIdSchema
  >;
  const decoded = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, decodeParam(String(value))]));
  return z.object(shape).parse(decoded) as Record<K, string>;
}

/** Per-user data: never stored by shared caches. */
export function privateJson(data: unknown): NextResponse {
  return NextResponse.json(data, { headers: { "cache-control": "private, no-store" } });
}
