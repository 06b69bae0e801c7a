import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { AxiosResponse } from "axios";
import { integrationId, nango } from "@/lib/nango/client";

export interface GraphCall {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path + query on the Graph origin, e.g. `/v1.0/me/chats?$top=50`; sent verbatim. */
  endpoint: string;
  data?: unknown;
  /** Extra request headers for Graph (e.g. `ConsistencyLevel: eventual` for `$search`). */
  headers?: Record<string, string>;
  /** `arraybuffer` for binary content (hosted images); JSON otherwise. */
  responseType?: "arraybuffer";
}

// The SDK's proxy() takes no AbortSignal; an interceptor on its axios instance picks up
// the signal of the current call from async context, so a hung upstream is cut off.
const callSignal = new AsyncLocalStorage<AbortSignal>();
const marker = Symbol.for("teams-connect.graph.signal-interceptor");
const http = nango.http as typeof nango.http & { [marker]?: true };
if (!http[marker]) {
  http[marker] = true;
  http.interceptors.request.use((config) => {
    const signal = callSignal.getStore();
    if (signal && !config.signal) config.signal = signal;
    return config;
  });
}

/**
 * One HTTP call to Graph through the Nango proxy. Nango's own retries stay off (the
 * client retries, paced per tenant); the endpoint goes unmodified so a nextLink's
 * `$skiptoken` is never re-encoded.
 */
export function proxyOnce(connectionId: string, call: GraphCall, signal: AbortSignal): Promise<AxiosResponse<unknown>> {
  return callSignal.run(signal, () =>
    nango.proxy({
      method: call.method ?? "GET",
      endpoint: call.endpoint,
      providerConfigKey: integrationId,
      connectionId,
      data: call.data,
      retries: 0,
      headers: { ...(call.data !== undefined ? { "Content-Type": "application/json" } : {}), ...call.headers },
      ...(call.responseType ? { responseType: call.responseType } : {}),
    }),
  );
}
