import "server-only";
import { z } from "zod";
import type { MessageRef } from "@/lib/graph/message-target";
import { REACTION_TYPES } from "@/lib/graph/reactions";
import { react } from "@/lib/messages/react";
import { rateLimit } from "./rate-limit";

const reactionType = z.enum(REACTION_TYPES, { error: `The reaction must be one of ${REACTION_TYPES.join(", ")}.` });

/** PUT (set) or DELETE (remove) the user's reaction: 204, rate limited per user. */
export async function handleReaction(method: string, userId: string, ref: MessageRef, type: string): Promise<Response> {
  await rateLimit("reaction", userId, { capacity: 30, refillPerMinute: 60 });
  await react(userId, ref, reactionType.parse(type), method === "PUT");
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
