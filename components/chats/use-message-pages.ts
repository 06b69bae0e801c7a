"use client";

import { useCallback, useRef, useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import type { MessageView, Paged } from "@/lib/graph/types";
import { mergeNewestPage } from "./merge-messages";

/**
 * A conversation's messages as our API pages them: newest first, `loadOlder` following
 * the cursor. `add` puts a message just sent (or one that arrived live) in place;
 * `reload` reads the newest page again and merges it in: past the cache after "may
 * have been sent", through it to catch up after live updates were interrupted (the
 * server forgets what a change made stale). A reload never undoes what `add` or
 * `addReply` put in place while it was under way (mergeNewestPage).
 */
export function useMessagePages(initial: Paged<MessageView>, apiUrl: `/api/${string}`) {
  const [messages, setMessages] = useState(initial.items);
  // When each message or reply was last put in place, on a counter reloads compare against.
  const placed = useRef({ clock: 0, at: new Map<string, number>() });
  const place = useCallback((id: string) => placed.current.at.set(id, ++placed.current.clock), []);
  const [cursor, setCursor] = useState(initial.cursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Resolves to true when a page arrived. */
  const loadOlder = useCallback(async (): Promise<boolean> => {
    if (!cursor) return false;
    setLoading(true);
    setError(null);
    try {
      const page = await api<Paged<MessageView>>(`${apiUrl}?cursor=${encodeURIComponent(cursor)}`);
      setMessages((current) => {
        const seen = new Set(current.map((m) => m.id));
        return [...current, ...page.items.filter((m) => !seen.has(m.id))];
      });
      setCursor(page.cursor);
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    } finally {
      setLoading(false);
    }
  }, [apiUrl, cursor]);

  const reload = useCallback(
    async (fresh = true) => {
      const started = placed.current.clock;
      const page = await api<Paged<MessageView>>(fresh ? `${apiUrl}?refresh=1` : apiUrl);
      const newer = (id: string) => (placed.current.at.get(id) ?? 0) > started;
      setMessages((current) => mergeNewestPage(current, page.items, newer));
    },
    [apiUrl],
  );

  const add = useCallback(
    (message: MessageView) => {
      place(message.id);
      setMessages((current) => {
        const known = current.find((m) => m.id === message.id);
        // A post read on its own carries no replies: a new one has none, a known one keeps its thread.
        const replies = message.replies ?? (known ? known.replies : []);
        return [{ ...message, replies }, ...current.filter((m) => m.id !== message.id)];
      });
    },
    [place],
  );

  /** A reply that arrived live, into its thread when the thread is shown (else it loads with it). */
  const addReply = useCallback(
    (parentId: string, reply: MessageView) => {
      place(reply.id);
      setMessages((current) =>
        current.map((m) =>
          m.id === parentId && m.replies
            ? { ...m, replies: [...m.replies.filter((r) => r.id !== reply.id), reply] }
            : m,
        ),
      );
    },
    [place],
  );

  return { messages, cursor, loading, error, loadOlder, reload, add, addReply };
}
