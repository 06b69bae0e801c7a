import "server-only";
import type { User } from "@microsoft/microsoft-graph-types";
import { readGraph } from "./read";
import { graphRequest } from "./request";

const ME = "/v1.0/me?$select=id";

/**
 * The Entra object id of the signed-in user's connected account (cached like any read):
 * tells the user's own reactions and messages apart from everyone else's.
 */
export function myGraphId(userId: string): Promise<string | null> {
  return readGraph(
    userId,
    ME,
    async (connection) => (await graphRequest<User>(connection, { endpoint: ME })).data.id ?? null,
  );
}
