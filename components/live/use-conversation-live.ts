"use client";

import { useCallback } from "react";
import type { MessageView } from "@/lib/graph/types";
import type { LiveEvent } from "@/lib/live/events";
import { useLiveEvents, type LiveState } from "./use-live-events";

interface Conversation {
  add(message: MessageView): void;
  addReply(parentId: string, reply: MessageView): void;
  reload(fresh?: boolean): Promise<void>;
}

/**
 * A chat or channel page, live: new and changed messages (and replies) go in place as
 * they arrive; after a deletion, a missed notification or an interrupted stream the
 * newest page is read again (through the server's cache, which the change cleared).
 */
export function useConversationLive(topic: string, conversation: Conversation): LiveState {
  const { add, addReply, reload } = conversation;
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type === "resync") return void reload(false).catch(() => undefined);
      if (!("topic" in event) || event.topic !== topic) return;
      if (event.type === "message") {
        if (event.parentId) addReply(event.parentId, event.message);
        else add(event.message);
      } else if (event.type === "changed" || event.type === "deleted") {
        void reload(false).catch(() => undefined);
      }
    },
    [topic, add, addReply, reload],
  );
  return useLiveEvents([topic], onEvent);
}
