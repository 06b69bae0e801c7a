import "server-only";
import { logger } from "@/lib/logger";
import type { SharedStore } from "@/lib/redis/store";
import type { LiveBus } from "./bus";
import { decodeFromBus, encodeForBus } from "./bus";
import { createListeners } from "./bus-local";

/** Pub/sub messages are small by design: a long message goes as a "read it" hint. */
const MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Fan-out through Redis pub/sub on the store every instance shares: one channel
 * (`tc:live`), every instance subscribed on its own connection (a subscribed connection
 * can run no other command). Redis away: events reach this instance's streams only,
 * and when the subscriber is back every stream is told to catch up (`resync`).
 */
export function createRedisBus(store: SharedStore): LiveBus {
  const listeners = createListeners();
  const channel = store.key("live");
  // Subscribing waits for the connection (offline queue on) and is redone by ioredis
  // after every reconnect.
  const subscriber = store.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  let everReady = false;
  subscriber.on("ready", () => {
    if (everReady) listeners.deliverToAll({ type: "resync" });
    everReady = true;
  });
  subscriber.on("error", () => undefined);
  subscriber.on("message", (from: string, raw: string) => {
    if (from !== channel) return;
    const decoded = decodeFromBus(raw);
    if (decoded) listeners.deliver(decoded.userId, decoded.event);
  });
  subscriber.subscribe(channel).catch((error: unknown) => logger.warn("live fan-out: subscribe failed", { error }));

  return {
    async publish(userId, event) {
      const payload = encodeForBus(userId, event, MAX_PAYLOAD_BYTES);
      const sent = await store.run(
        async (redis) => (await redis.publish(channel, payload)) >= 0,
        () => false,
      );
      if (!sent) listeners.deliver(userId, event);
    },
    subscribe: listeners.add,
    async close() {
      subscriber.disconnect(false);
    },
  };
}
