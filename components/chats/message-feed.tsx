"use client";

import { useState } from "react";
import type { MessageView, Paged } from "@/lib/graph/types";
import { MessageItem } from "./message-item";
import { getJson } from "./get-json";
import { ThreadReplies } from "./thread-replies";

/**
 * Messages newest first, with "Load older" paging through our API. For channel
 * messages, `repliesUrl` adds a thread toggle when Graph did not send the replies.
 */
export function MessageFeed({ initial, apiUrl, repliesUrl, label }: { initial: Paged<MessageView>; apiUrl: string; repliesUrl?: string; label: string }) {
  const [messages, setMessages] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.cursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadOlder() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await getJson<Paged<MessageView>>(`${apiUrl}?cursor=${encodeURIComponent(cursor)}`);
      setMessages((current) => [...current, ...page.items.filter((m) => !current.some((c) => c.id === m.id))]);
      setCursor(page.cursor);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setLoading(false);
    }
  }

  if (messages.length === 0) return <p className="text-slate-600 dark:text-slate-400">No messages yet.</p>;
  return (
    <div>
      <ol aria-label={label} className="divide-y divide-slate-200 dark:divide-slate-800">
        {messages.map((message) => (
          <li key={message.id}>
            <MessageItem message={message}>
              {message.replies && message.replies.length > 0 ? (
                <ol aria-label="Replies" className="ml-6 mt-2 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
                  {message.replies.map((reply) => (
                    <li key={reply.id}>
                      <MessageItem message={reply} />
                    </li>
                  ))}
                </ol>
              ) : repliesUrl && message.replies === null ? (
                <ThreadReplies url={`${repliesUrl}/${encodeURIComponent(message.id)}/replies`} />
              ) : null}
            </MessageItem>
          </li>
        ))}
      </ol>
      <div className="mt-4 flex flex-col items-start gap-2" aria-live="polite">
        {cursor ? (
          <button type="button" onClick={() => void loadOlder()} disabled={loading} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800">
            {loading ? "Loading older messages…" : "Load older"}
          </button>
        ) : (
          <p className="text-sm text-slate-500">This is the beginning of the conversation.</p>
        )}
        {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
      </div>
    </div>
  );
}
