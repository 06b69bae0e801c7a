import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { clientStateMatches } from "./client-state";
import type { ChangeNotification, LifecycleNotification } from "./notification-schema";
import { changeBelongsTo, parseChangedResource, topicOfResource } from "./topics";

/**
 * A `created` or `deleted` is about one event: a replay of it is dropped for as long as
 * its row is kept (a day). An `updated` (a reaction, an edit) and a lifecycle event recur
 * legitimately for the same message or subscription, moments apart (two reactions in a
 * second; Graph asking for reauthorization again just after the last one was done), so
 * every delivery of those is stored: dropping one that arrived after the previous one was
 * read or acted on would lose it. Processing coalesces the ones still waiting
 * (process.ts), so a burst costs one read.
 */
export const happensOnce = (event: string) => event === "created" || event === "deleted";

const digest = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("base64url");

/** What was stored for processing (anything forged, unknown or replayed is not). */
export interface Received {
  ids: string[];
  ignored: number;
}

/**
 * Checks every item against its subscription (known, and the clientState matches in
 * constant time; for changes, the resource lies inside the subscribed conversation),
 * then stores the accepted ones in one insert that skips replays. Nothing is fetched
 * here: the route answers Graph first and processes afterwards.
 */
export async function receiveNotifications(
  items: Array<ChangeNotification | LifecycleNotification>,
): Promise<Received> {
  if (items.length === 0) return { ids: [], ignored: 0 };
  const subscriptions = await db.graphSubscription.findMany({
    where: { id: { in: [...new Set(items.map((item) => item.subscriptionId))] } },
    select: { id: true, resource: true, clientStateHash: true },
  });
  const byId = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
  const rows: Array<{ dedupeKey: string; subscriptionId: string; event: string; resource: string | null }> = [];
  let ignored = 0;
  for (const item of items) {
    const subscription = byId.get(item.subscriptionId);
    const reason = !subscription
      ? "unknown subscription"
      : !clientStateMatches(item.clientState, subscription.clientStateHash)
        ? "clientState mismatch"
        : "changeType" in item && !resourceInside(item.resource, subscription.resource)
          ? "resource outside the subscription"
          : null;
    if (reason) {
      ignored++;
      // The subscription id is Graph's, not a secret; the clientState is never logged.
      logger.warn("ignored a Graph notification", { reason, subscriptionId: item.subscriptionId.slice(0, 64) });
      continue;
    }
    const row =
      "changeType" in item
        ? { subscriptionId: item.subscriptionId, event: item.changeType, resource: item.resource }
        : { subscriptionId: item.subscriptionId, event: item.lifecycleEvent, resource: null };
    // A replay of a one-time change has the same key, which the insert skips (the trailing
    // empty part keeps the keys of rows stored before); every other delivery gets its own.
    const dedupeKey =
      happensOnce(row.event) && row.resource !== null
        ? digest("change", row.subscriptionId, row.event, row.resource, "")
        : randomUUID();
    rows.push({ ...row, dedupeKey });
  }
  if (rows.length === 0) return { ids: [], ignored };
  const stored = await db.graphNotification.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true },
  });
  return { ids: stored.map((row) => row.id), ignored };
}

function resourceInside(changed: string, subscribed: string): boolean {
  const change = parseChangedResource(changed);
  const topic = topicOfResource(subscribed);
  return !!change && !!topic && changeBelongsTo(change, topic);
}
