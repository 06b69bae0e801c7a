/**
 * Test controls for change notifications, under `/_emulator/graph/subscriptions` (loopback only):
 * - `GET /graph/subscriptions`: every live subscription (any app, any user) with its state
 *   and delivery counters, plus how many notifications are held by a pause.
 * - `GET`/`POST /graph/subscriptions/settings`: handshake and delivery timeouts, retry
 *   delays, lifetime override, reauthorization lead time, delivery switch, quota;
 *   `{ reset: true }` restores Graph's defaults.
 * - `POST /graph/subscriptions/:id/lifecycle { event, dropNext?, pauseNotifications? }`:
 *   sends a lifecycle event now (or, for `missed` with `dropNext`, after silently dropping
 *   that many notifications).
 * - `POST /graph/subscriptions/:id/expire`: the subscription lapses now.
 * - `GET /graph/subscriptions/deliveries`: recent delivery attempts and validation handshakes.
 * - `POST /graph/subscriptions/reset`: forgets every subscription and log (settings stay).
 */
import { z } from "zod";
import type { GraphDeps } from "../deps";
import { subscriptionShape, type SubscriptionRecord } from "./record";

const ms = z.number().int().min(0).max(600_000);
const settingsBody = z.strictObject({
  validationTimeoutMs: ms.optional(),
  deliveryTimeoutMs: ms.optional(),
  retryDelaysMs: z.array(ms).max(20).optional(),
  maxLifetimeSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .nullable()
    .optional(),
  overMax: z.enum(["reject", "clamp"]).optional(),
  reauthorizationLeadSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .nullable()
    .optional(),
  deliveries: z.enum(["on", "paused", "drop"]).optional(),
  perResourcePerApp: z.number().int().min(1).max(100_000).optional(),
  reset: z.literal(true).optional(),
});
const lifecycleBody = z.strictObject({
  event: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]),
  /** `missed` only: drop this many of the next notifications silently, then send `missed`. */
  dropNext: z.number().int().min(1).max(10_000).optional(),
  /** `reauthorizationRequired` only: stop notifications until reauthorize or PATCH (default true). */
  pauseNotifications: z.boolean().optional(),
});

const fail = (message: string) => ({ error: { code: "not_found", message } });

export function registerSubscriptionControls(deps: GraphDeps): void {
  const api = deps.ctx.controlApi;
  const registry = deps.subscriptions;
  const report = (s: SubscriptionRecord) => ({
    ...subscriptionShape(s),
    state: s.reauthorizationRequired ? "reauthorizationRequired" : "active",
    notificationsPaused: s.paused,
    dropNext: s.dropNext,
    counters: s.counters,
    createdDateTime: new Date(s.createdAt).toISOString(),
  });

  api.get("/graph/subscriptions", (c) =>
    c.json({ subscriptions: registry.all().map(report), held: registry.deliverer.heldCount }),
  );
  api.get("/graph/subscriptions/settings", (c) => c.json(registry.settings));
  api.post("/graph/subscriptions/settings", async (c) => {
    const { reset, ...changes } = settingsBody.parse(await c.req.json());
    if (reset) registry.resetSettings();
    Object.assign(registry.settings, changes);
    if (registry.settings.deliveries === "on") registry.deliverer.release();
    return c.json(registry.settings);
  });
  /** Answers once every delivery already started is done (retries included); held ones stay held. */
  api.post("/graph/subscriptions/deliveries/flush", async (c) => {
    await registry.deliverer.whenIdle();
    return c.json({ held: registry.deliverer.heldCount });
  });
  api.get("/graph/subscriptions/deliveries", (c) =>
    c.json({ deliveries: registry.deliverer.log, validations: registry.validations }),
  );
  api.post("/graph/subscriptions/reset", (c) => {
    registry.clear();
    return c.json({ ok: true });
  });

  api.post("/graph/subscriptions/:id/lifecycle", async (c) => {
    const record = registry.get(c.req.param("id"));
    if (!record) return c.json(fail(`Unknown subscription ${c.req.param("id")}`), 404);
    const body = lifecycleBody.parse(await c.req.json());
    if (body.event === "missed" && body.dropNext) {
      record.dropNext = body.dropNext;
      return c.json({ sent: false, subscription: report(record) });
    }
    const sent = registry.lifecycle(record, body.event, { pause: body.pauseNotifications ?? true });
    const live = registry.get(record.id);
    return c.json({ sent, subscription: live ? report(live) : null });
  });

  api.post("/graph/subscriptions/:id/expire", (c) => {
    const record = registry.get(c.req.param("id"));
    if (!record) return c.json(fail(`Unknown subscription ${c.req.param("id")}`), 404);
    registry.remove(record.id);
    return c.json({ expired: record.id });
  });
}
