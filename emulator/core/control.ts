/**
 * Test and benchmark controls shared by every emulated service: call counters,
 * added latency and fault injection. Applied as a Hono middleware in front of each
 * service, so a fault looks to the caller exactly like the real service failing.
 * Not persisted: a restart or `/_emulator/reset` clears them.
 */
import type { MiddlewareHandler } from "hono";

export type ServiceName = "nango" | "connectUi" | "login" | "graph";

export interface Latency {
  /** Added before every response, in ms. */
  fixedMs: number;
  /** Extra uniformly random delay in [0, jitterMs). */
  jitterMs: number;
}

export interface FaultRule {
  id: string;
  service: ServiceName;
  /** Upper-case HTTP method; any when absent. */
  method?: string;
  /** Regular expression source matched against the request path (without query). */
  path: string;
  /** Regular expression source the query string (decoded, without `?`) must match too; any when absent. */
  query?: string;
  /** What happens: an HTTP error, a hang past any sane timeout, or a 200 with a broken body. */
  kind: "status" | "timeout" | "malformed";
  status?: number;
  /** Seconds for the Retry-After header on a status fault; absent = no header. */
  retryAfter?: number;
  /** Probability in [0, 1] that a matching request fails. */
  rate: number;
  /** Fail at most this many more times, then the rule retires; unlimited when absent. */
  remaining?: number;
}

export interface CallRecord {
  service: ServiceName;
  method: string;
  path: string;
  status: number;
  at: number;
}

const MAX_LOG = 20_000;

export class Control {
  latency: Record<ServiceName, Latency> = fresh();
  faults: FaultRule[] = [];
  calls: CallRecord[] = [];
  private nextFaultId = 1;

  reset(): void {
    this.latency = fresh();
    this.faults = [];
    this.calls = [];
  }

  addFault(rule: Omit<FaultRule, "id">): FaultRule {
    const full = { ...rule, id: `f${this.nextFaultId++}` };
    this.faults.push(full);
    return full;
  }

  /** Counts by service, then by `METHOD path`. */
  counters(service?: ServiceName) {
    const byRoute: Record<string, number> = {};
    let total = 0;
    for (const call of this.calls) {
      if (service && call.service !== service) continue;
      total += 1;
      const key = `${call.method} ${call.path}`;
      byRoute[key] = (byRoute[key] ?? 0) + 1;
    }
    return { total, byRoute };
  }

  /** Picks the fault for a request (consuming one use of it), if any applies. */
  private pickFault(service: ServiceName, method: string, path: string, query: string): FaultRule | undefined {
    for (const rule of this.faults) {
      if (rule.service !== service) continue;
      if (rule.method && rule.method !== method) continue;
      if (!new RegExp(rule.path).test(path)) continue;
      if (rule.query !== undefined && !new RegExp(rule.query).test(query)) continue;
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      if (Math.random() >= rule.rate) continue;
      if (rule.remaining !== undefined) rule.remaining -= 1;
      return rule;
    }
    return undefined;
  }

  /** Middleware for one service: latency, faults, and a call record per request. */
  middleware(service: ServiceName): MiddlewareHandler {
    return async (c, next) => {
      const path = c.req.path;
      if (path.startsWith("/_emulator") || c.req.method === "OPTIONS") return next();
      const { fixedMs, jitterMs } = this.latency[service];
      const delay = fixedMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
      if (delay > 0) await sleep(delay);
      const record: CallRecord = { service, method: c.req.method, path, status: 0, at: Date.now() };
      this.calls.push(record);
      if (this.calls.length > MAX_LOG) this.calls.splice(0, this.calls.length - MAX_LOG);
      const fault = this.pickFault(service, c.req.method, path, queryOf(c.req.url));
      if (fault) {
        const response = await faultResponse(service, fault);
        record.status = response.status;
        return response;
      }
      await next();
      record.status = c.res.status;
    };
  }
}

function fresh(): Record<ServiceName, Latency> {
  const none = () => ({ fixedMs: 0, jitterMs: 0 });
  return { nango: none(), connectUi: none(), login: none(), graph: none() };
}

function queryOf(url: string): string {
  const search = new URL(url).search.slice(1);
  try {
    return decodeURIComponent(search.replace(/\+/g, " "));
  } catch {
    return search;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function faultResponse(service: ServiceName, fault: FaultRule): Promise<Response> {
  if (fault.kind === "timeout") {
    // Longer than any client deadline; the client gives up first.
    await sleep(120_000);
    return new Response(null, { status: 504 });
  }
  if (fault.kind === "malformed") {
    return new Response('{"value": [ {"id": "truncated', {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  }
  const status = fault.status ?? 503;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  const requestId = crypto.randomUUID();
  const body =
    service === "graph"
      ? {
          error: {
            code: status === 429 ? "TooManyRequests" : "ServiceNotAvailable",
            message: status === 429 ? "Too many requests" : "Service unavailable (injected fault)",
            innerError: { date: new Date().toISOString(), "request-id": requestId, "client-request-id": requestId },
          },
        }
      : { error: { code: "server_error", message: "Injected fault" } };
  if (service === "graph") headers["request-id"] = requestId;
  return new Response(JSON.stringify(body), { status, headers });
}
