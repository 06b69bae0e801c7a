import "server-only";
import { createHash } from "node:crypto";
import { after } from "next/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

/** A client-chosen key (a UUID from the composer); no personal data. */
export const idempotencyKeySchema = z
  .string({ error: "The Idempotency-Key header is required for sending." })
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, "The Idempotency-Key header must be 8–200 letters, digits or . _ : -");

export interface OnceWrite<T> {
  /** Makes the write (once per claim). */
  post(): Promise<T>;
  /** After an unconfirmed write: what Microsoft has if it did accept it, else null. */
  find(since: Date): Promise<T | null>;
}

/** A concurrent duplicate waits this long for the first request's outcome. */
const WAIT_FOR_PENDING_MS = 30_000;
const POLL_MS = 100;
/** A pending row older than this belongs to a request that died mid-write: treat as unconfirmed. */
const STALE_PENDING_MS = 2 * 60_000;
/**
 * An unconfirmed write is posted again (on an explicit retry) only once it has had this
 * long to show up in the conversation and the check did not find it.
 */
const RECHECK_AFTER_MS = 10_000;
const KEEP_MS = 24 * 60 * 60_000;

type Row = NonNullable<Awaited<ReturnType<typeof db.idempotentWrite.findUnique>>>;

const hashOf = (request: unknown) => createHash("sha256").update(JSON.stringify(request)).digest("hex");
const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === "P2002";
/** What the API answered (a MessageView): plain JSON by construction. */
const json = (value: unknown) => value as Prisma.InputJsonValue;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a write to Microsoft at most once per user and key, recorded in the database:
 * the same key again (a retry, a double click, 20 concurrent copies) gets the first
 * outcome and posts nothing. A write that timed out is looked for before it is ever
 * posted again; a refusal (nothing posted) may be retried with the same key.
 */
export async function writeOnce<T>(userId: string, key: string, request: unknown, write: OnceWrite<T>): Promise<T> {
  const requestHash = hashOf(request);
  let row: Row;
  try {
    row = await db.idempotentWrite.create({
      data: { userId, key, requestHash, state: "pending", attemptedAt: new Date() },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return replay(userId, key, requestHash, write);
  }
  try {
    // The new row is claimed and its attempt time set: straight to Microsoft.
    return await attempt(row, write, row.attemptedAt ?? row.createdAt);
  } finally {
    // Housekeeping on the path that adds a row, after the response so the user doesn't
    // wait for it: the user's day-old keys go.
    after(() =>
      db.idempotentWrite
        .deleteMany({ where: { userId, createdAt: { lt: new Date(Date.now() - KEEP_MS) } } })
        .catch((error: unknown) => logger.warn("could not delete old idempotency keys", { error })),
    );
  }
}

async function replay<T>(userId: string, key: string, requestHash: string, write: OnceWrite<T>): Promise<T> {
  const waitUntil = Date.now() + WAIT_FOR_PENDING_MS;
  for (;;) {
    const row = await db.idempotentWrite.findUnique({ where: { userId_key: { userId, key } } });
    if (!row) throw new AppError("conflict", "This message's record vanished. Send it again.");
    if (row.requestHash !== requestHash)
      throw new AppError("idempotency_conflict", "This Idempotency-Key was already used for a different message.");
    if (row.state === "succeeded") return row.result as T;
    const stale = Date.now() - row.updatedAt.getTime() > STALE_PENDING_MS;
    if (row.state === "pending" && !stale) {
      if (Date.now() > waitUntil)
        throw new AppError("conflict", "This message is still being sent. Check the conversation in a moment.");
      await sleep(POLL_MS);
      continue;
    }
    // failed, unconfirmed, or pending from a request that died: claim it (one claimant wins).
    const claimed = await db.idempotentWrite.updateMany({
      where: { id: row.id, state: row.state, updatedAt: row.updatedAt },
      data: { state: "pending" },
    });
    if (claimed.count === 0) continue;
    if (row.state === "failed") return attempt(row, write);
    return recheck(row, write);
  }
}

/** An earlier attempt may have been posted: look first; post again only when it clearly wasn't. */
async function recheck<T>(row: Row, write: OnceWrite<T>): Promise<T> {
  const since = row.attemptedAt ?? row.createdAt;
  const found = await lookFor(row, write, since);
  if (found !== null && found !== undefined) return found;
  // Not checked (Microsoft unreachable), or too soon to tell: never post blindly.
  if (found === undefined || Date.now() - since.getTime() < RECHECK_AFTER_MS) {
    await settle(row.id, "unconfirmed");
    throw unconfirmed();
  }
  return attempt(row, write);
}

/** Posts for a claimed row; `attemptedAt` when the claim already recorded the attempt's time. */
async function attempt<T>(row: Row, write: OnceWrite<T>, attemptedAt?: Date): Promise<T> {
  const since = attemptedAt ?? new Date();
  if (!attemptedAt) await db.idempotentWrite.update({ where: { id: row.id }, data: { attemptedAt: since } });
  let result: T;
  try {
    result = await write.post();
  } catch (error) {
    if (isAppError(error) && error.code === "send_unconfirmed") {
      const found = await lookFor(row, write, since);
      if (found !== null && found !== undefined) return found;
      await settle(row.id, "unconfirmed");
      throw error;
    }
    // An AppError is Microsoft's (or our) refusal: nothing was posted. Anything else is
    // a fault of ours after an unknown point: checked before any retry posts again.
    await settle(row.id, isAppError(error) ? "failed" : "unconfirmed");
    throw error;
  }
  // Posted: the answer doesn't wait for its record, written after the response (5 ms of a
  // send, docs/performance.md). Until it lands, a duplicate with this key waits as for
  // any pending row; were it lost (a crash, the database away), the row goes stale and a
  // retry looks for the message in the conversation before it could ever post again.
  after(() =>
    db.idempotentWrite
      .update({ where: { id: row.id }, data: { state: "succeeded", result: json(result) } })
      .catch((error: unknown) => logger.warn("could not record a sent message's outcome", { error })),
  );
  return result;
}

/** The write if Microsoft has it (recorded as succeeded), null if not, undefined if it couldn't be checked. */
async function lookFor<T>(row: Row, write: OnceWrite<T>, since: Date): Promise<T | null | undefined> {
  try {
    const found = await write.find(since);
    if (found === null) return null;
    await db.idempotentWrite.update({ where: { id: row.id }, data: { state: "succeeded", result: json(found) } });
    return found;
  } catch (error) {
    logger.warn("could not check whether a write went through", { error });
    return undefined;
  }
}

async function settle(id: string, state: "failed" | "unconfirmed"): Promise<void> {
  await db.idempotentWrite.update({ where: { id }, data: { state } });
}

function unconfirmed(): AppError {
  return new AppError(
    "send_unconfirmed",
    "Microsoft Teams hasn't confirmed this message yet. It may have been sent: check the conversation before trying again.",
  );
}
