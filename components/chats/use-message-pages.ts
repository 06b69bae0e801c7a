"use client";

import { useCallback, useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import type { MessageView, Paged } from "@/lib/graph/types";

const newestFirst = (a: MessageView, b: MessageView) => b.createdAt.localeCompare(a.createdAt);

/**
 * A conversation's messages as our API pages them: newest first, `loadOlder` following
 * the cursor. `add` puts a message just sent in place; `reload` reads the newest page
 * again past the cache (after "may have been sent") and merges it in.
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

  const reload = useCallback(async () => {
    const page = await api<Paged<MessageView>>(`${apiUrl}?refresh=1`);
    setMessages((current) => {
      const fresh = new Set(page.items.map((m) => m.id));
      return [...page.items, ...current.filter((m) => !fresh.has(m.id))].sort(newestFirst);
    });
  }, [apiUrl]);

  const add = useCallback((message: MessageView) => {
    setMessages((current) => [message, ...current.filter((m) => m.id !== message.id)]);
  }, []);

  return { messages, cursor, loading, error, loadOlder, reload, add };
}
