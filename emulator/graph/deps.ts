/** What the Graph routes share. */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { EmulatorContext } from "../core/context";
import { signingKey } from "../microsoft/keys";
import { paginate, type PageOptions } from "./paging";
import type { Throttler } from "./throttling";

export interface GraphDeps {
  ctx: EmulatorContext;
  throttler: Throttler;
  origin: string;
  /** Replies Graph inlines per message with `$expand=replies` (1000 in Graph; tests lower it). */
  settings: { inlineReplies: number };
}

export const DEFAULT_INLINE_REPLIES = 1000;

export function skipSecret(deps: GraphDeps): string {
  return createHash("sha256")
    .update(`skiptoken|${signingKey(deps.ctx).kid}`)
    .digest("hex");
}

export function odataContext(deps: GraphDeps, fragment: string): string {
  return `${deps.origin}/v1.0/$metadata#${fragment}`;
}

/** Pages `items` and renders Graph's collection body, or the 400 for bad $top/$skiptoken. */
export function collection<T, U = T>(
  c: Context,
  deps: GraphDeps,
  fragment: string,
  items: T[],
  sizes: { defaultTop: number; maxTop: number },
  /** Shapes only the items of the page (previews and members are costly on big datasets). */
  shape: (item: T) => U = (item) => item as unknown as U,
) {
  const options: PageOptions = {
    ...sizes,
    graphOrigin: deps.origin,
    secret: skipSecret(deps),
  };
  const page = paginate(c, items, options);
  if (!page.ok) return page.response;
  return c.json({
    "@odata.context": odataContext(deps, fragment),
    ...(page.nextLink ? { "@odata.nextLink": page.nextLink } : {}),
    "@odata.count": page.value.length,
    value: page.value.map(shape),
  });
}
