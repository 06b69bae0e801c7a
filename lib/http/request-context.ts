/**
 * The current request's id, for log lines. proxy.ts gives every /api request an
 * `x-request-id` (the caller's, if well-formed, else a new UUID); route handlers run
 * inside `withRequestContext`, and lib/logger.ts adds the id to each line it writes.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export const REQUEST_ID_HEADER = "x-request-id";
const WELL_FORMED = /^[\w.:@-]{1,128}$/;

type RequestContext = { requestId: string };
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
export function withRequestContext<T>(request: Request, fn: () => T): T {
  return storage.run({ requestId: requestIdFrom(request.headers) }, fn);
}
