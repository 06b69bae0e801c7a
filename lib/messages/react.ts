import "server-only";
import { invalidateUserCache } from "@/lib/graph/cache";
import type { MessageRef } from "@/lib/graph/message-target";
import { setReaction, type ReactionType } from "@/lib/graph/reactions";
import { asWriteError, assertWriteAllowed } from "./write-access";

/** The signed-in user's reaction on a message, set (`on`) or removed. */
export async function react(userId: string, ref: MessageRef, type: ReactionType, on: boolean): Promise<void> {
  const kind = ref.target.kind === "chat" ? "chat" : "channel";
  await assertWriteAllowed(userId, kind);
  await asWriteError(kind, () => setReaction(userId, ref, type, on));
  await invalidateUserCache(userId);
}
