/**
 * Faults for the next message POSTs (`POST /_emulator/graph/write-faults`), the two ways a
 * write goes wrong in production: Graph accepts the message and the response never comes
 * back in time (the client times out, yet the message is posted: a blind retry posts it
 * twice), or Graph fails before accepting it (nothing is stored). Each queued fault is used
 * by one valid message POST (chat, channel or reply), in order. Not persisted.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Context } from "hono";
import { graphError } from "../errors";

export type WriteFault = { kind: "acceptThenHang"; ms: number } | { kind: "failBeforeAccept"; status: 500 | 503 };

export class WriteFaults {
  queue: WriteFault[] = [];

  reset(): void {
    this.queue = [];
  }

  add(fault: WriteFault, count: number): void {
    for (let i = 0; i < count; i++) this.queue.push(fault);
  }

  take(): WriteFault | undefined {
    return this.queue.shift();
  }
}

/** The response for a fault that fails before the message is stored. */
export function failBeforeAccept(c: Context, status: 500 | 503): Response {
  return status === 503
    ? graphError(c, 503, "ServiceNotAvailable", "The service is temporarily unavailable. Please retry later.")
    : graphError(c, 500, "InternalServerError", "An internal server error occurred.");
}

/** Delays a response whose message is already stored. */
export async function hangThen(ms: number, respond: () => Response): Promise<Response> {
  await sleep(ms);
  return respond();
}
