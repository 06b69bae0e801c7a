import "server-only";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { graphConnectionFor, type GraphConnection } from "@/lib/graph/connection";
import { logger } from "@/lib/logger";
import type { GraphSubscription } from "@/lib/generated/prisma/client";
import { newClientState } from "./client-state";
import {
  createGraphSubscription,
  deleteGraphSubscription,
  reauthorizeGraphSubscription,
  renewGraphSubscription,
  subscriptionLifetimeMs,
} from "./graph-subscriptions";
import { subscriptionResource, type MessageTopic } from "./topics";

/** An open page extends its subscriptions' `wantedUntil` this far, every `WANTED_TOUCH_MS`. */
export const WANTED_FOR_MS = 2 * 60_000;
export const WANTED_TOUCH_MS = 45_000;
/** Renewed when less than this is left (a third of the lifetime, at most 15 minutes). */
export const renewMarginMs = () => Math.min(subscriptionLifetimeMs() / 3, 15 * 60_000);
/** After Graph refused a subscription, the same one is not asked for again this soon. */
const REFUSED_FOR_MS = 60_000;
/**
 * Not Graph refusing the subscription but the connection being broken (or gone): checked
 * again without a Graph call (graphConnectionFor), so it is not paused for, and a user who
 * reconnects is live again at once.
 */
export const isConnectionBroken = (error: unknown) =>
  isAppError(error) && (error.code === "needs_reconnect" || error.code === "connection_not_found");

const inflight = new Map<string, Promise<boolean>>();
const refusedUntil = new Map<string, number>();

/**
 * Makes sure the user has a live subscription for the conversation: reuses a stored one
 * (extending how long it is wanted), renews one about to lapse, or creates one. Resolves
 * false when Graph refuses (a permission, the notification URL unreachable): the page
 * then stays a snapshot of cached reads. Never throws.
 */
export function ensureSubscription(userId: string, topic: MessageTopic): Promise<boolean> {
  const resource = subscriptionResource(topic);
  const key = `${userId}|${resource}`;
  if ((refusedUntil.get(key) ?? 0) > Date.now()) return Promise.resolve(false);
  const running = inflight.get(key);
  if (running) return running;
  const work = ensure(userId, resource)
    .catch((error: unknown) => {
      if (isConnectionBroken(error)) return false;
      refusedUntil.set(key, Date.now() + REFUSED_FOR_MS);
      if (refusedUntil.size > 10_000) refusedUntil.clear();
      logger.warn("live updates unavailable for a conversation: Graph refused the subscription", {
        code: isAppError(error) ? error.code : undefined,
        error: isAppError(error) ? undefined : error,
      });
      return false;
    })
    .finally(() => inflight.delete(key));
  inflight.set(key, work);
  return work;
}

async function ensure(userId: string, resource: string): Promise<boolean> {
  const connection = await graphConnectionFor(userId);
  const wantedUntil = new Date(Date.now() + WANTED_FOR_MS);
  const row = await db.graphSubscription.findUnique({ where: { userId_resource: { userId, resource } } });
  if (row && row.nangoConnectionId === connection.nangoConnectionId && row.expiresAt.getTime() > Date.now()) {
    await db.graphSubscription.update({ where: { id: row.id }, data: { wantedUntil } });
    if (row.expiresAt.getTime() - Date.now() < renewMarginMs()) await renewSubscription(row);
    return true;
  }
  // Lapsed, or made with a connection the user replaced: start again.
  if (row) await dropSubscription(row);
  await createSubscription(connection, userId, resource, wantedUntil);
  return true;
}

async function createSubscription(
  connection: GraphConnection,
  userId: string,
  resource: string,
  wantedUntil: Date,
): Promise<void> {
  const clientState = newClientState();
  const created = await createGraphSubscription(connection, resource, clientState.secret);
  try {
    await db.graphSubscription.create({
      data: {
        id: created.id,
        userId,
        nangoConnectionId: connection.nangoConnectionId,
        resource,
        clientStateHash: clientState.hash,
        expiresAt: created.expiresAt,
        wantedUntil,
      },
    });
  } catch (error) {
    // Another instance created the same one meanwhile: keep theirs, remove ours.
    await deleteGraphSubscription(connection, created.id).catch(() => undefined);
    const theirs = await db.graphSubscription.findUnique({ where: { userId_resource: { userId, resource } } });
    if (!theirs) throw error;
  }
}

/** Marks which of the user's subscriptions an open page still needs. */
export async function touchSubscriptions(userId: string, topics: MessageTopic[]): Promise<void> {
  if (topics.length === 0) return;
  await db.graphSubscription.updateMany({
    where: { userId, resource: { in: topics.map(subscriptionResource) } },
    data: { wantedUntil: new Date(Date.now() + WANTED_FOR_MS) },
  });
}

/**
 * Claims a subscription for maintenance, so that of several instances one renews (or
 * deletes) it. False: another instance holds it right now.
 */
export async function claim(id: string, forMs = 30_000): Promise<boolean> {
  const now = new Date();
  const { count } = await db.graphSubscription.updateMany({
    where: { id, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + forMs) },
  });
  return count === 1;
}

/** Extends it at Graph; recreates it when Graph no longer has it. */
export async function renewSubscription(row: GraphSubscription): Promise<void> {
  const connection = await graphConnectionFor(row.userId);
  const expiresAt = await renewGraphSubscription(connection, row.id);
  if (expiresAt) {
    await db.graphSubscription.update({ where: { id: row.id }, data: { expiresAt, leaseUntil: null } });
    return;
  }
  await recreateSubscription(row);
}

/** `reauthorizationRequired`: reauthorize; when that fails, renew, else start again. */
export async function reauthorizeSubscription(row: GraphSubscription): Promise<void> {
  const connection = await graphConnectionFor(row.userId);
  const ok = await reauthorizeGraphSubscription(connection, row.id).catch((error: unknown) => {
    logger.info("graph subscription reauthorize failed; renewing instead", {
      code: isAppError(error) ? error.code : undefined,
    });
    return false;
  });
  if (ok) await db.graphSubscription.update({ where: { id: row.id }, data: { leaseUntil: null } });
  else await renewSubscription(row);
}

/** Graph removed it (or never renewed it): a new one if a page still wants it. */
export async function recreateSubscription(row: GraphSubscription): Promise<void> {
  await db.graphSubscription.deleteMany({ where: { id: row.id } });
  if (row.wantedUntil.getTime() <= Date.now()) return;
  const connection = await graphConnectionFor(row.userId);
  await createSubscription(connection, row.userId, row.resource, row.wantedUntil);
}

/** No page wants it (or its connection is gone): delete it at Graph, then here. */
export async function dropSubscription(row: GraphSubscription): Promise<void> {
  // With the user's current connection (the same app and account may delete it); a
  // subscription Graph won't let us delete lapses at its expiry and notifies nobody we know.
  const connection = await graphConnectionFor(row.userId).catch(() => null);
  if (connection)
    await deleteGraphSubscription(connection, row.id).catch((error: unknown) =>
      logger.info("graph subscription delete failed; it lapses by itself", {
        code: isAppError(error) ? error.code : undefined,
      }),
    );
  await db.graphSubscription.deleteMany({ where: { id: row.id } });
}
