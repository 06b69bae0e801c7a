import "server-only";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { classify, type Failure } from "./classify";
import { markConnectionNeedsReconnect, type GraphConnection } from "./connection";
import { acquireTenantSlot, blockTenant } from "./pacing";
import { backoffDelay, graphPolicy, sleep } from "./policy";
import { throttleClassOf, type ThrottleClass } from "./throttle-class";
import { proxyOnce, type GraphCall } from "./transport";

export interface RequestOptions {
  /** Absolute time (ms) after which the call fails instead of retrying. */
  deadline?: number;
  /**
   * The tenant budget this call uses, by throttle class; by default one of the endpoint's
   * class. A `$batch` costs one per item, each in its own class, as Graph counts them.
   */
  costs?: Partial<Record<ThrottleClass, number>>;
  /**
   * A write (a message, a reaction): Graph has no idempotency key, so only a refusal that
   * proves nothing was done (429) is retried; a timeout, a 5xx or a broken answer may
   * hide an accepted post and ends in `send_unconfirmed` for the caller to check.
   */
  write?: boolean;
}

export interface GraphResponse<T> {
  status: number;
  data: T;
  /** The answer's Content-Type (binary content is served with it). */
  contentType?: string;
}

function giveUp(failure: Extract<Failure, { kind: "retry" }>, waitMs: number): AppError {
  if (failure.reason === "throttled") {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new AppError("throttled", `Microsoft Teams is busy. Try again in ${seconds} seconds.`, seconds);
  }
  if (failure.reason === "timeout")
    return new AppError("upstream_unavailable", "Microsoft Teams took too long to answer. Try again.");
  return new AppError("upstream_unavailable", "Microsoft Teams is not responding right now. Try again in a moment.");
}

/**
 * The one way the app calls Microsoft Graph: through the Nango proxy, paced per tenant,
 * retrying 429 (after Retry-After, else exponential back-off with full jitter), 5xx,
 * timeouts and malformed JSON a bounded number of times within a deadline, and turning
 * every failure into an `AppError` a page can explain. A refused connection is marked
 * `needs_reconnect` in the database.
 */
export async function graphRequest<T>(
  connection: GraphConnection,
  call: GraphCall,
  options: RequestOptions = {},
): Promise<GraphResponse<T>> {
  const deadline = options.deadline ?? Date.now() + graphPolicy.deadlineMs;
  const costs = options.costs ?? { [throttleClassOf(call.endpoint)]: 1 };
  for (let attempt = 0; ; attempt++) {
    for (const [cls, cost] of Object.entries(costs) as Array<[ThrottleClass, number]>)
      await acquireTenantSlot(connection.tenantKey, cls, cost, deadline);
    const controller = new AbortController();
    const budget = Math.min(graphPolicy.attemptTimeoutMs, deadline - Date.now());
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        controller.abort();
      },
      Math.max(1, budget),
    );
    let failure: Failure;
    try {
      const response = await proxyOnce(connection.nangoConnectionId, call, controller.signal);
      // axios hands back the raw text when a 2xx body is not JSON (a truncated response).
      if (typeof response.data === "object" && response.data !== null)
        return {
          status: response.status,
          data: response.data as T,
          contentType: String(response.headers["content-type"] ?? "") || undefined,
        };
      // No content: 204, or a 200 with an empty body (Graph's subscription reauthorize).
      if (response.status === 204 || (call.method !== undefined && call.method !== "GET" && response.data === ""))
        return { status: response.status, data: null as T };
      failure = { kind: "retry", reason: "malformed" };
    } catch (error) {
      failure = classify(error, timedOut);
    } finally {
      clearTimeout(timer);
    }

    if (failure.kind === "fatal") {
      // A connection not mapped yet (read while accepting it) is judged by its caller.
      if (failure.reconnect && connection.mappingId) await markConnectionNeedsReconnect(connection, failure.reconnect);
      throw failure.error;
    }
    if (options.write && failure.reason !== "throttled") {
      logger.warn("graph write unconfirmed", { endpoint: call.endpoint.split("?")[0], reason: failure.reason });
      throw new AppError(
        "send_unconfirmed",
        "Microsoft Teams didn't confirm this in time. It may have been sent: check the conversation before trying again.",
      );
    }
    if (failure.reason === "throttled" && !failure.nangoLimit && failure.retryAfterMs !== undefined)
      blockTenant(connection.tenantKey, failure.retryAfterMs);
    const wait = failure.retryAfterMs ?? backoffDelay(attempt);
    const tooLong = failure.retryAfterMs !== undefined && failure.retryAfterMs > graphPolicy.maxRetryAfterMs;
    if (attempt + 1 >= graphPolicy.maxAttempts || tooLong || Date.now() + wait >= deadline) {
      logger.warn("graph call failed", {
        endpoint: call.endpoint.split("?")[0],
        reason: failure.reason,
        attempts: attempt + 1,
      });
      throw giveUp(failure, failure.retryAfterMs ?? Math.max(wait, graphPolicy.baseDelayMs));
    }
    await sleep(wait);
  }
}
