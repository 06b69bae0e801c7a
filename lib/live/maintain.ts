import "server-only";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import type { GraphSubscription } from "@/lib/generated/prisma/client";
import { outsideRequest } from "@/lib/http/request-context";
import { logger } from "@/lib/logger";
import { MAX_ATTEMPTS, processNotifications } from "./process";
import {
  claim,
  dropSubscription,
  isConnectionBroken,
  recreateSubscription,
  renewMarginMs,
  renewSubscription,
} from "./subscriptions";

/** A notification still unprocessed this long after it arrived was interrupted (a crash, a restart). */
const STRANDED_AFTER_MS = 15_000;
const KEEP_PROCESSED_MS = 24 * 60 * 60_000;
const BATCH = 50;

/**
 * One pass of upkeep, safe on every instance at once (each subscription is claimed by
 * one): renew what a page still wants before it lapses, delete what nobody wants, and
 * finish notifications that were stored but never processed.
 */
export async function maintainLiveUpdates(): Promise<void> {
  const now = Date.now();
  const due = await db.graphSubscription.findMany({
    where: {
      OR: [{ wantedUntil: { lt: new Date(now) } }, { expiresAt: { lt: new Date(now + renewMarginMs()) } }],
    },
    take: BATCH,
  });
  for (const row of due) await upkeep(row, now);

  const stranded = await db.graphNotification.findMany({
    where: { processedAt: null, receivedAt: { lt: new Date(now - STRANDED_AFTER_MS) }, attempts: { lt: MAX_ATTEMPTS } },
    select: { id: true },
    take: BATCH,
  });
  await processNotifications(stranded.map((row) => row.id));
  await db.graphNotification.deleteMany({
    where: { processedAt: { lt: new Date(now - KEEP_PROCESSED_MS) } },
  });
}

async function upkeep(row: GraphSubscription, now: number): Promise<void> {
  if (!(await claim(row.id))) return;
  try {
    if (row.wantedUntil.getTime() < now) await dropSubscription(row);
    // Lapsed while this app was down: Graph has forgotten it.
    else if (row.expiresAt.getTime() <= now) await recreateSubscription(row);
    else await renewSubscription(row);
  } catch (error) {
    logger.warn("graph subscription upkeep failed; retried on the next pass", {
      code: isAppError(error) ? error.code : undefined,
      error: isAppError(error) ? undefined : error,
    });
    if (isConnectionBroken(error)) await db.graphSubscription.deleteMany({ where: { id: row.id } });
  }
}

const holder = globalThis as { __liveUpkeep?: NodeJS.Timeout };

/**
 * Runs the upkeep on a timer (often enough to renew the shortest lifetime in time),
 * once per process. Started by the first live stream or notification, and at start so
 * notifications stranded by a crash are finished.
 */
export function startLiveUpkeep(): void {
  if (holder.__liveUpkeep) return;
  const every = Math.max(2_000, Math.min(30_000, renewMarginMs() / 3));
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    maintainLiveUpdates()
      .catch((error: unknown) => logger.warn("live updates upkeep failed", { error }))
      .finally(() => (running = false));
  };
  holder.__liveUpkeep = outsideRequest(() => setInterval(pass, every));
  holder.__liveUpkeep.unref();
}
