/**
 * `/_emulator/*`: resets, latency, faults and counters for tests and benchmarks.
 * Refused to anything but loopback callers, since it can rewrite the emulator's state.
 */
import { Hono } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { z } from "zod";
import type { Control, ServiceName } from "./control";
import type { Store } from "./store";

const service = z.enum(["nango", "connectUi", "login", "graph"]);

const latencyBody = z.object({
  service: service.default("graph"),
  fixedMs: z.number().int().min(0).max(60_000),
  jitterMs: z.number().int().min(0).max(60_000).default(0),
});

const faultBody = z.object({
  service: service.default("graph"),
  method: z.string().toUpperCase().optional(),
  path: z.string().min(1).refine(isRegex, "path must be a valid regular expression"),
  query: z.string().min(1).refine(isRegex, "query must be a valid regular expression").optional(),
  kind: z.enum(["status", "timeout", "malformed"]).default("status"),
  status: z.number().int().min(400).max(599).optional(),
  retryAfter: z.number().int().min(0).max(3600).optional(),
  rate: z.number().min(0).max(1).default(1),
  remaining: z.number().int().min(1).optional(),
});

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export function createControlApi(control: Control, store: Store, onReset: () => void): Hono {
  const api = new Hono();
  api.use("*", async (c, next) => {
    const address = getConnInfo(c).remote.address ?? "";
    if (!LOOPBACK.test(address)) return c.json({ error: { code: "forbidden", message: "loopback only" } }, 403);
    return next();
  });
  api.onError((error, c) => {
    if (error instanceof z.ZodError) {
      return c.json({ error: { code: "invalid_body", message: "Invalid body", errors: error.issues } }, 400);
    }
    return c.json({ error: { code: "invalid_body", message: error.message } }, 400);
  });

  api.post("/reset", (c) => {
    control.reset();
    store.reset();
    onReset();
    return c.json({ ok: true });
  });
  api.post("/latency", async (c) => {
    const body = latencyBody.parse(await c.req.json());
    control.latency[body.service] = { fixedMs: body.fixedMs, jitterMs: body.jitterMs };
    return c.json({ latency: control.latency });
  });
  api.get("/faults", (c) => c.json({ faults: control.faults }));
  api.post("/faults", async (c) => c.json({ fault: control.addFault(faultBody.parse(await c.req.json())) }, 201));
  api.delete("/faults", (c) => {
    control.faults = [];
    return c.json({ ok: true });
  });
  api.get("/counters", (c) => {
    const which = c.req.query("service");
    return c.json(control.counters(which ? (service.parse(which) as ServiceName) : undefined));
  });
  api.delete("/counters", (c) => {
    control.calls = [];
    return c.json({ ok: true });
  });
  api.get("/calls", (c) => c.json({ calls: control.calls }));
  return api;
}
