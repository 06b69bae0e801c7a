import "server-only";
import type { Presence } from "@microsoft/microsoft-graph-types";
import { readGraph, type ReadOptions } from "./read";
import { graphRequest } from "./request";
import { reshapePresence } from "./reshape";
import type { PresenceView } from "./types";

export function getMyPresence(userId: string, options?: ReadOptions): Promise<PresenceView> {
  return readGraph(
    userId,
    PRESENCE_KEY,
    async (connection) =>
      reshapePresence((await graphRequest<Presence>(connection, { endpoint: "/v1.0/me/presence" })).data),
    options,
  );
}

export const PRESENCE_KEY = "presence";
