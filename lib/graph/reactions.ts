import "server-only";
import { graphConnectionFor } from "./connection";
import { messagePath, type MessageRef } from "./message-target";
import { graphRequest } from "./request";

/** The reactions Teams offers in its quick bar; Graph also takes any Unicode emoji. */
export const REACTION_TYPES = ["like", "heart", "laugh", "surprised", "sad", "angry"] as const;
export type ReactionType = (typeof REACTION_TYPES)[number];

/**
 * Sets or removes the user's reaction on a message. Unlike a post, it is idempotent by
 * nature (setting twice leaves one reaction), so the usual retries apply.
 */
export async function setReaction(userId: string, ref: MessageRef, type: ReactionType, on: boolean): Promise<void> {
  const connection = await graphConnectionFor(userId);
  await graphRequest(connection, {
    method: "POST",
    endpoint: `${messagePath(ref)}/${on ? "setReaction" : "unsetReaction"}`,
    data: { reactionType: type },
  });
}
