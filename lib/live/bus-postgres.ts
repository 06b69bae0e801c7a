import "server-only";
import pg from "pg";
import { logger } from "@/lib/logger";
import type { LiveBus } from "./bus";
import { decodeFromBus, encodeForBus } from "./bus";
import { createListeners } from "./bus-local";

const CHANNEL = "teams_connect_live";
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_900;
const RECONNECT_MS = 1_000;

/**
 * Fan-out through PostgreSQL LISTEN/NOTIFY on one dedicated connection per instance (the
 * Prisma pool's connections come and go, a listener must stay). Every instance, this one
 * included, receives each NOTIFY and hands it to its streams. While the connection is
 * down, events reach this instance's streams only; when it is back, every stream is told
 * to catch up (`resync`), since NOTIFYs sent meanwhile are lost.
 */
export function createPostgresBus(connectionString: string): LiveBus {
  const listeners = createListeners();
  let client: pg.Client | null = null;
  let ready: Promise<pg.Client | null> | null = null;
  let closed = false;
  let wasConnected = false;
  // NOTIFYs go out one at a time on the listener's connection: pg queues concurrent
  // queries on one client itself but deprecates it (pg 9 drops it).
  let sending: Promise<unknown> = Promise.resolve();

  const connect = (): Promise<pg.Client | null> => {
    ready ??= (async () => {
      const next = new pg.Client({ connectionString, application_name: "teams-connect-live" });
      next.on("notification", (message) => {
        const decoded = message.payload ? decodeFromBus(message.payload) : null;
        if (decoded) listeners.deliver(decoded.userId, decoded.event);
      });
      next.on("error", (error) => {
        logger.warn("live fan-out: PostgreSQL listener lost; reconnecting", { error });
        lost(next);
      });
      next.on("end", () => lost(next));
      try {
        await next.connect();
        await next.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        logger.warn("live fan-out: PostgreSQL listener unavailable", { error });
        lost(next);
        return null;
      }
      client = next;
      if (wasConnected) listeners.deliverToAll({ type: "resync" });
      wasConnected = true;
      return next;
    })();
    return ready;
  };

  const lost = (which: pg.Client) => {
    if (client && client !== which) return;
    client = null;
    ready = null;
    which.end().catch(() => undefined);
    if (!closed) setTimeout(() => void connect(), RECONNECT_MS).unref();
  };

  void connect();

  return {
    async publish(userId, event) {
      const live = client ?? (await connect());
      if (!live) return listeners.deliver(userId, event);
      const payload = encodeForBus(userId, event, MAX_PAYLOAD_BYTES);
      const sent = sending.then(() => live.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]));
      sending = sent.catch(() => undefined);
      try {
        await sent;
      } catch (error) {
        logger.warn("live fan-out: NOTIFY failed; this instance's streams only", { error });
        listeners.deliver(userId, event);
      }
    },
    subscribe: listeners.add,
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
