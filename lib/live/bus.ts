import "server-only";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { env } from "@/lib/env";
import { outsideRequest } from "@/lib/http/request-context";
import { sharedStore } from "@/lib/redis/shared-store";
import { createLocalBus } from "./bus-local";
import { createPostgresBus } from "./bus-postgres";
import { createRedisBus } from "./bus-redis";
import type { LiveEvent } from "./events";

export type LiveListener = (event: LiveEvent) => void;

/**
 * Live-update fan-out: a notification is processed by whichever instance Graph reached,
 * the user's browser may be connected to another. Every instance sees every published
 * event and hands it to its own open streams of that user.
 */
export interface LiveBus {
  publish(userId: string, event: LiveEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(userId: string, listener: LiveListener): () => void;
  close(): Promise<void>;
}

const holder = globalThis as { __liveBus?: LiveBus };

/**
 * Redis pub/sub with REDIS_URL (the store every instance shares already); else
 * PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL (several instances, no
 * Redis); else in process (the embedded database allows one instance).
 */
export function liveBus(): LiveBus {
  if (holder.__liveBus) return holder.__liveBus;
  const store = sharedStore();
  const database = parseDatabaseUrl(env.DATABASE_URL);
  // Its listener connection and handlers outlive the request that asked first.
  holder.__liveBus = outsideRequest(() =>
    store ? createRedisBus(store) : database.kind === "postgres" ? createPostgresBus(database.url) : createLocalBus(),
  );
  return holder.__liveBus;
}

/** An event as the fan-out carries it (a user id and the event), and its size limit. */
export function encodeForBus(userId: string, event: LiveEvent, maxBytes: number): string {
  const full = JSON.stringify({ u: userId, e: event });
  if (Buffer.byteLength(full) <= maxBytes || !("topic" in event)) return full;
  // Too large for the channel (a long message): the page reads the conversation instead.
  return JSON.stringify({ u: userId, e: { type: "changed", topic: event.topic } satisfies LiveEvent });
}

export function decodeFromBus(raw: string): { userId: string; event: LiveEvent } | null {
  try {
    const parsed = JSON.parse(raw) as { u?: unknown; e?: unknown };
    if (typeof parsed.u !== "string" || !parsed.e || typeof parsed.e !== "object") return null;
    return { userId: parsed.u, event: parsed.e as LiveEvent };
  } catch {
    return null;
  }
}
