/** What the Graph routes share. */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { EmulatorContext } from "../core/context";
import { signingKey } from "../microsoft/keys";
import { paginate, type PageOptions } from "./paging";
import type { SubscriptionRegistry } from "./subscriptions/registry";
import type { Throttler } from "./throttling";
import type { WriteFaults } from "./writes/faults";
import type { Overlay } from "./writes/overlay";

export interface GraphSettings {
  /** Replies Graph inlines per message with `$expand=replies` (1000 in Graph; tests lower it). */
  inlineReplies: number;
  /**
   * `strict` (default): every `<at id>` needs its `mentions[]` entry and every mentioned
   * user must exist, else 400, so a client's mismatch fails loudly in tests. `graph`:
   * what Graph was seen to do: an `<at>` without an entry is stripped to its text, unknown
   * user ids are stored as sent (both 201, nobody notified).
   */
  mentionChecks: "strict" | "graph";
}

export interface GraphDeps {
  ctx: EmulatorContext;
  throttler: Throttler;
  origin: string;
  settings: GraphSettings;
  /** Messages and reactions clients wrote, merged into every read. */
  overlay: Overlay;
  writeFaults: WriteFaults;
  /** Change-notification subscriptions and their deliveries. */
  subscriptions: SubscriptionRegistry;
}

export const defaultSettings = (): GraphSettings => ({
  inlineReplies: DEFAULT_INLINE_REPLIES,
  mentionChecks: "strict",
});

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
  sizes: { defaultTop: number; maxTop: number; cursor?: (item: T) => string },
  /** Shapes only the items of the page (previews and members are costly on big datasets). */
  shape: (item: T) => U = (item) => item as unknown as U,
) {
  const options: PageOptions<T> = {
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
