"use client";

import { useCallback, useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import type { MessageView, Paged } from "@/lib/graph/types";

const newestFirst = (a: MessageView, b: MessageView) => b.createdAt.localeCompare(a.createdAt);

/**
 * A conversation's messages as our API pages them: newest first, `loadOlder` following
 * the cursor. `add` puts a message just sent (or one that arrived live) in place;
 * `reload` reads the newest page again and merges it in: past the cache after "may
 * have been sent", through it to catch up after live updates were interrupted (the
 * server forgets what a change made stale).
 */
export function useMessagePages(initial: Paged<MessageView>, apiUrl: `/api/${string}`) {
  const [messages, setMessages] = useState(initial.items);
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
      const page = await api<Paged<MessageView>>(fresh ? `${apiUrl}?refresh=1` : apiUrl);
      setMessages((current) => {
        const seen = new Set(page.items.map((m) => m.id));
        return [...page.items, ...current.filter((m) => !seen.has(m.id))].sort(newestFirst);
      });
    },
    [apiUrl],
  );

  const add = useCallback((message: MessageView) => {
    setMessages((current) => {
      const known = current.find((m) => m.id === message.id);
      // A post read on its own carries no replies: a new one has none, a known one keeps its thread.
      const replies = message.replies ?? (known ? known.replies : []);
      return [{ ...message, replies }, ...current.filter((m) => m.id !== message.id)];
    });
  }, []);

  /** A reply that arrived live, into its thread when the thread is shown (else it loads with it). */
  const addReply = useCallback((parentId: string, reply: MessageView) => {
    setMessages((current) =>
      current.map((m) =>
        m.id === parentId && m.replies ? { ...m, replies: [...m.replies.filter((r) => r.id !== reply.id), reply] } : m,
      ),
    );
  }, []);

  return { messages, cursor, loading, error, loadOlder, reload, add, addReply };
}
