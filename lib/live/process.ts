import "server-only";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import type { GraphNotification, GraphSubscription } from "@/lib/generated/prisma/client";
import { graphConnectionFor } from "@/lib/graph/connection";
import { logger } from "@/lib/logger";
import { liveBus } from "./bus";
import { fetchChangedMessage, forgetChanged } from "./fetch-change";
import { happensOnce } from "./receive";
import { reauthorizeSubscription, recreateSubscription } from "./subscriptions";
import { parseChangedResource, topicKey, topicOfResource, type MessageTopic } from "./topics";

/** A notification that failed this often is given up (the next page view reads Graph anyway). */
export const MAX_ATTEMPTS = 5;

/** Errors that retrying cannot fix: the message or the connection is gone. */
const FINAL = new Set(["not_found", "connection_not_found", "needs_reconnect", "forbidden", "forbidden_scope"]);

/**
 * Processes stored notifications (after the endpoint answered Graph, or later by the
 * sweeper): a change is read through the proxy, the stale cache entries are dropped and
 * the user's open pages are told; a lifecycle event reauthorizes, recreates or catches up.
 * A failure leaves the row for the sweeper, up to MAX_ATTEMPTS.
 */
export async function processNotifications(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.graphNotification.findMany({ where: { id: { in: ids }, processedAt: null } });
  await Promise.all(rows.map(processOne));
}

async function processOne(row: GraphNotification): Promise<void> {
  try {
    if (!happensOnce(row.event)) await coalesceWaiting(row);
    const subscription = await db.graphSubscription.findUnique({ where: { id: row.subscriptionId } });
    const topic = subscription ? topicOfResource(subscription.resource) : null;
    if (subscription && topic) {
      if (row.resource) await applyChange(subscription, topic, row);
      else await applyLifecycle(subscription, topic, row.event);
    }
    await db.graphNotification.update({ where: { id: row.id }, data: { processedAt: new Date() } });
  } catch (error) {
    const final = isAppError(error) && FINAL.has(error.code);
    const attempts = row.attempts + 1;
    await db.graphNotification
      .update({
        where: { id: row.id },
        data: { attempts, ...(final || attempts >= MAX_ATTEMPTS ? { processedAt: new Date() } : {}) },
      })
      .catch(() => undefined);
    logger.warn("graph notification not applied", {
      event: row.event,
      attempts,
      code: isAppError(error) ? error.code : undefined,
      error: isAppError(error) ? undefined : error,
      final: final || attempts >= MAX_ATTEMPTS,
    });
  }
}

/**
 * Other deliveries of the same recurring event (an `updated` of the same message, the same
 * lifecycle event of the same subscription) still waiting are covered by this one: what it
 * reads or does next happens after they all arrived. One that arrives later is processed
 * on its own. A one-time change has no twin to cover (receive.ts drops its replays).
 */
async function coalesceWaiting(row: GraphNotification): Promise<void> {
  await db.graphNotification.updateMany({
    where: {
      id: { not: row.id },
      subscriptionId: row.subscriptionId,
      event: row.event,
      resource: row.resource,
      processedAt: null,
    },
    data: { processedAt: new Date() },
  });
}

async function applyChange(subscription: GraphSubscription, topic: MessageTopic, row: GraphNotification) {
  const change = parseChangedResource(row.resource ?? "");
  if (!change || !["created", "updated", "deleted"].includes(row.event)) return;
  const { userId } = subscription;
  const connection = await graphConnectionFor(userId);
  await forgetChanged(userId, connection, topic, change);
  const key = topicKey(topic);
  const parentId = change.kind === "channel" && change.replyId ? change.messageId : undefined;
  if (row.event === "deleted") {
    const messageId = change.kind === "channel" && change.replyId ? change.replyId : change.messageId;
    await liveBus().publish(userId, { type: "deleted", topic: key, messageId, ...(parentId ? { parentId } : {}) });
    return;
  }
  const message = await fetchChangedMessage(userId, connection, change, row.event);
  await liveBus().publish(userId, { type: "message", topic: key, message, ...(parentId ? { parentId } : {}) });
  await db.graphSubscription.updateMany({ where: { id: subscription.id }, data: { lastNotifiedAt: new Date() } });
}

async function applyLifecycle(subscription: GraphSubscription, topic: MessageTopic, event: string) {
  const { userId } = subscription;
  logger.info("graph subscription lifecycle event", { event });
  if (event === "reauthorizationRequired") await reauthorizeSubscription(subscription);
  else if (event === "subscriptionRemoved") await recreateSubscription(subscription);
  else if (event !== "missed") return;
  // Notifications were (or may have been) lost: while Graph waited for the reauthorization,
  // before the new subscription, or as `missed` says. The page reads what it missed.
  const connection = await graphConnectionFor(userId);
  await forgetChanged(userId, connection, topic);
  await liveBus().publish(userId, { type: "changed", topic: topicKey(topic) });
}
