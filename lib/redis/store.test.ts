/**
 * The shared store's command timeout counts Redis' time, not this process': an event
 * loop busy for longer than the timeout (a server rendering pages on 2 cores) must not
 * be taken for a slow Redis, or every instance would pace on its own for a second.
 * Needs TEST_REDIS_URL (`.ci/run` provides it); skipped without it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createSharedStore } from "./store";

const REDIS_URL = process.env.TEST_REDIS_URL;

/** Blocks the event loop, as a long synchronous render does. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe.skipIf(!REDIS_URL)("command timeout", () => {
  const store = createSharedStore(REDIS_URL!, {
    prefix: `tc-test-${randomUUID().slice(0, 8)}:`,
    name: "tc-store-test",
  });
  afterAll(() => store.close());

  it("a reply that arrived while the event loop was blocked past the timeout is used", async () => {
    await vi.waitUntil(() => store.available(), { timeout: 5_000 });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const fallback = vi.fn(() => "local");
      const answers = Array.from({ length: 5 }, (_, i) => store.run((redis) => redis.echo(`shared-${i}`), fallback));
      busy(1_500); // longer than the 1 s command timeout: the replies wait in the socket
      expect(await Promise.all(answers)).toEqual(["shared-0", "shared-1", "shared-2", "shared-3", "shared-4"]);
      expect(fallback).not.toHaveBeenCalled();
      expect(store.available()).toBe(true);
      expect(lines.some((line) => line.includes("redis unavailable"))).toBe(false);
      expect((await store.ping()).ok).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
