/**
 * The current request's id, for log lines: the caller's `x-request-id` if well-formed,
 * else a new UUID. Route handlers run inside `withRequestContext` (`withRequestId` also
 * echoes it on the response), and lib/logger.ts adds the id to each line it writes.
 *
 * It also holds what one request reads once and uses several times (`requestMemo`).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";

export const REQUEST_ID_HEADER = "x-request-id";
const WELL_FORMED = /^[\w.:@-]{1,128}$/;

type RequestContext = { requestId: string; memo: Map<string, unknown> | null };
const storage = new AsyncLocalStorage<RequestContext>();

/** The incoming id when it is safe to log and echo, otherwise a fresh one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return incoming && WELL_FORMED.test(incoming) ? incoming : crypto.randomUUID();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `fn` with the request's id available to the logger. */
export function withRequestContext<T>(request: Request, fn: () => T, requestId = requestIdFrom(request.headers)): T {
  const context: RequestContext = { requestId, memo: new Map() };
  return storage.run(context, () => {
    const result = fn();
    // What the handler read is for the handler: a stream it returns (live updates) runs
    // on for hours in this context and must see a disconnect or a needs_reconnect.
    const end = () => {
      context.memo = null;
    };
    if (result instanceof Promise) result.then(end, end);
    else end();
    return result;
  });
}

/**
 * A route handler that runs in its request's context (`withRequestContext`) and echoes
 * the request id on its response. API routes do it here, not in proxy.ts: running the
 * proxy costs every request about a millisecond of CPU (Next's middleware adapter), a
 * third of a cached read's (docs/performance.md).
 */
export function withRequestId<R extends Request, A extends unknown[]>(
  handler: (request: R, ...rest: A) => Promise<Response>,
): (request: R, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const requestId = requestIdFrom(request.headers);
    const response = await withRequestContext(request, () => handler(request, ...rest), requestId);
    try {
      response.headers.set(REQUEST_ID_HEADER, requestId);
      return response;
    } catch {
      // Immutable headers (Response.redirect, a fetched response): copy them once.
      const copy = new Response(response.body, response);
      copy.headers.set(REQUEST_ID_HEADER, requestId);
      return copy;
    }
  };
}

/**
 * Runs `fn` outside any request. For what lives as long as the process (timers,
 * connections, their event handlers): started inside the request that happened to need
 * it first, it would otherwise log that request's id for the rest of the process's life.
 */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}

// React's `cache` scopes to one server render and does nothing in route handlers (the
// route's own context serves there); outside both it returns a new map each call.
const renderMemo = cache(() => new Map<string, unknown>());

/**
 * What this request has already read, by key: the route handler's context, else the
 * server render's. Outside a request (scripts, background work) nothing is kept.
 */
export function requestMemo(): Map<string, unknown> {
  const context = storage.getStore();
  if (context) return context.memo ?? new Map();
  return renderMemo();
}
