/**
 * The PostgreSQL fan-out (LISTEN/NOTIFY) against a real server: TEST_DATABASE_URL, as in
 * CI's PostgreSQL pass (the embedded pass has no server to listen on, and skips).
 */
import { afterEach, describe, expect, it } from "vitest";
import { createPostgresBus } from "./bus-postgres";
import type { LiveEvent } from "./events";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("live fan-out on PostgreSQL", () => {
  const buses: Array<ReturnType<typeof createPostgresBus>> = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it("delivers a burst of concurrent publishes to another instance, each once and in order, one query at a time", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    try {
      const sender = createPostgresBus(url!);
      const receiver = createPostgresBus(url!);
      buses.push(sender, receiver);
      const userId = `bus-test-${crypto.randomUUID()}`;
      const received: string[] = [];
      receiver.subscribe(userId, (event) => {
        if (event.type === "deleted") received.push(event.messageId);
      });
      // The receiver listens once its first publish found the connection ready.
      await receiver.publish(`${userId}-other`, { type: "resync" });

      const ids = Array.from({ length: 50 }, (_, i) => `m${i}`);
      await Promise.all(
        ids.map((messageId) =>
          sender.publish(userId, { type: "deleted", topic: "chat:t", messageId } satisfies LiveEvent),
        ),
      );
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(ids.length);
      expect(received).toEqual(ids);
      // pg queues concurrent queries on one client, but deprecates it (pg 9 refuses them).
      expect(warnings.filter((message) => message.includes("already executing a query"))).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
