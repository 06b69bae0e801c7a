import "server-only";
import type { GraphConnection } from "./connection";
import { blockTenant } from "./pacing";
import { backoffDelay, graphPolicy, sleep } from "./policy";
import { graphRequest } from "./request";
import { batchCosts } from "./throttle-class";

export const BATCH_LIMIT = 20;

export interface BatchRequest {
  id: string;
  /** Relative to the version: `/teams/{id}/channels`. */
  url: string;
}

export interface BatchResult {
  status: number;
  body: unknown;
}

interface BatchEnvelope {
  responses?: Array<{ id?: string; status?: number; headers?: Record<string, string>; body?: unknown }>;
}

function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "retry-after");
  const seconds = Number(entry?.[1]);
  return entry && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * GET requests through `$batch`, 20 per envelope, envelopes in parallel. Each item has
 * its own status: a 429 (or 5xx) item inside a 200 envelope is retried alone after its
 * Retry-After (or a jittered back-off), within the deadline; what still fails comes
 * back with its status for the caller to degrade gracefully. Matched by id, since
 * Graph may answer in any order.
 */
export async function graphBatch(
  connection: GraphConnection,
  requests: BatchRequest[],
  { deadline = Date.now() + graphPolicy.deadlineMs } = {},
): Promise<Map<string, BatchResult>> {
  const results = new Map<string, BatchResult>();
  let pending = requests;
  for (let round = 0; pending.length > 0; round++) {
    const chunks: BatchRequest[][] = [];
    for (let i = 0; i < pending.length; i += BATCH_LIMIT) chunks.push(pending.slice(i, i + BATCH_LIMIT));
    const envelopes = await Promise.all(
      chunks.map((chunk) =>
        graphRequest<BatchEnvelope>(
          connection,
          {
            method: "POST",
            endpoint: "/v1.0/$batch",
            data: { requests: chunk.map(({ id, url }) => ({ id, method: "GET", url })) },
          },
          // Items count against their own classes (e.g. channels), not the envelope's.
          { deadline, costs: batchCosts(chunk.map((request) => request.url)) },
        ),
      ),
    );
    const retry: BatchRequest[] = [];
    const answered = new Set<string>();
    let wait = 0;
    for (const response of envelopes.flatMap((envelope) => envelope.data.responses ?? [])) {
      const request = pending.find((candidate) => candidate.id === response.id);
      if (!request) continue;
      const status = response.status ?? 500;
      answered.add(request.id);
      results.set(request.id, { status, body: response.body });
      if (status === 429 || status >= 500) {
        retry.push(request);
        const after = retryAfterMs(response.headers);
        if (status === 429 && after !== undefined) blockTenant(connection.tenantKey, after);
        wait = Math.max(wait, after ?? backoffDelay(round));
      }
    }
    for (const request of pending) {
      if (answered.has(request.id)) continue;
      results.set(request.id, { status: 500, body: null });
      retry.push(request);
    }
    if (retry.length === 0 || round + 1 >= graphPolicy.maxAttempts || Date.now() + wait >= deadline) break;
    await sleep(wait);
    pending = retry;
  }
  return results;
}
