"use client";

import { useEffect, useMemo, useState } from "react";
import type { ChatSummary, Paged } from "@/lib/graph/types";
import { VirtualChatList } from "./virtual-chat-list";
import { ApiError, apiLines, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorView } from "@/components/ui/error-view";
import { fieldClasses } from "@/components/ui/field";

/**
 * Every chat, not just Graph's first page: starts from the server-rendered first page
 * and streams the rest from our cursor (a signed wrapper of Graph's nextLink) to the end,
 * showing progress. The filter works on what has loaded so far, while loading goes on.
 * After a refresh (the first page read fresh) the rest is read fresh too, so the list is
 * of one moment; "Continue loading" after a failure takes what is cached.
 */
export function AllChats({ initial, refresh = false }: { initial: Paged<ChatSummary>; refresh?: boolean }) {
  const [chats, setChats] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.cursor);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [filter, setFilter] = useState("");

  useEffect(() => {
    if (!cursor || error) return;
    const fresh = refresh && attempt === 0 ? "&refresh=1" : "";
    // One streamed request for every page left (the server reads the next page as soon as
    // Graph answers the last), not a request per page. A failure keeps what has loaded and
    // the cursor of the last page that arrived, which "Continue loading" starts from.
    const abort = new AbortController();
    let last: string | null = cursor;
    apiLines<Paged<ChatSummary>>(
      `/api/chats/pages?cursor=${encodeURIComponent(cursor)}${fresh}`,
      (page) => {
        last = page.cursor;
        setChats((current) => {
          const seen = new Set(current.map((chat) => chat.id));
          return [...current, ...page.items.filter((chat) => !seen.has(chat.id))];
        });
      },
      abort.signal,
    )
      .then(() => {
        if (last) throw new ApiError("network_error", "The list stopped before its end.", 0);
      })
      .catch((failure: unknown) => {
        if (!abort.signal.aborted) setError(errorMessage(failure));
      })
      .finally(() => {
        if (!abort.signal.aborted) setCursor(last);
      });
    return () => abort.abort();
  }, [cursor, error, attempt, refresh]);

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return chats;
    return chats.filter(
      (chat) =>
        chat.title.toLowerCase().includes(needle) ||
        chat.memberNames.some((name) => name.toLowerCase().includes(needle)),
    );
  }, [chats, filter]);

  const done = !cursor;
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <label htmlFor="chat-filter" className="block text-sm font-medium">
            Filter chats by name
          </label>
          <input
            id="chat-filter"
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Topic or person"
            className={fieldClasses("md", "mt-1 w-72 max-w-full")}
          />
        </div>
        <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
          {done ? `All ${chats.length} chats loaded.` : `Loaded ${chats.length} chats…`}
          {filter.trim() ? ` Showing ${visible.length}.` : ""}
        </p>
      </div>
      {!done && !error ? (
        <div className="mb-4 h-1 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800" aria-hidden>
          <div className="h-1 w-1/3 animate-pulse bg-brand-500" />
        </div>
      ) : null}
      {error ? (
        <ErrorView
          tone="warning"
          className="mb-4"
          actions={
            <Button
              variant="secondary"
              onClick={() => {
                setError(null);
                setAttempt((n) => n + 1);
              }}
            >
              Continue loading
            </Button>
          }
        >
          <p>Not every chat could be loaded. {error}</p>
        </ErrorView>
      ) : null}
      {chats.length === 0 && done ? (
        <EmptyState>You have no chats yet.</EmptyState>
      ) : visible.length === 0 ? (
        <EmptyState>No chat matches “{filter}”.</EmptyState>
      ) : (
        <VirtualChatList chats={visible} />
      )}
    </div>
  );
}
