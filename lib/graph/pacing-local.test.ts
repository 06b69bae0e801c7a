import { describe, expect, it } from "vitest";
import { createLocalPacer } from "./pacing-local";

describe("local tenant pacer", () => {
  it("reserves: waiting callers leave in order, spaced at the rate, after a half-second burst", async () => {
    // messages: Graph allows 20/s; at 90% that is 18/s, a burst of 9.
    const pacer = createLocalPacer(new Map());
    const started = Date.now();
    const order: number[] = [];
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: 27 }, (_, i) =>
        pacer.acquireTenantSlot("t", "messages", 1, started + 10_000).then(() => {
          order.push(i);
          at.push(Date.now() - started);
        }),
      ),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b)); // first come, first served
    expect(at.filter((ms) => ms < 50)).toHaveLength(9);
    // 18 more at 18/s: the last one about a second after the burst.
    expect(Math.max(...at)).toBeGreaterThanOrEqual(950);
    expect(Math.max(...at)).toBeLessThan(1_600);
  });

  it("refuses at once (throttled) when the reservation would outlast the deadline, and keeps no tokens for it", async () => {
    const pacer = createLocalPacer(new Map());
    const now = Date.now();
    await pacer.acquireTenantSlot("t", "messages", 9, now + 1_000);
    await expect(pacer.acquireTenantSlot("t", "messages", 18, now + 200)).rejects.toMatchObject({ code: "throttled" });
    const started = Date.now();
    await pacer.acquireTenantSlot("t", "messages", 1, Date.now() + 1_000);
    expect(Date.now() - started).toBeLessThan(150); // ≈ 1/18 s, not the refused call's second
  });

  it("a Retry-After holds back a caller that had already reserved", async () => {
    const pacer = createLocalPacer(new Map());
    await pacer.acquireTenantSlot("t", "messages", 9, Date.now() + 1_000);
    const waiting = pacer.acquireTenantSlot("t", "messages", 1, Date.now() + 5_000);
    pacer.blockTenant("t", 400);
    const started = Date.now();
    await waiting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });
});
