"use client";

import { useState } from "react";
import type { MessageView, Paged } from "@/lib/graph/types";
import { MessageItem } from "./message-item";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { InlineError } from "@/components/ui/form-message";
import { ReplyList, ThreadReplies } from "./thread-replies";

/**
 * Messages newest first, with "Load older" paging through our API. For channel
 * messages, `repliesUrl` adds a thread toggle when Graph did not send the replies.
 */
export function MessageFeed({
  initial,
  apiUrl,
  repliesUrl,
  label,
}: {
  initial: Paged<MessageView>;
  apiUrl: `/api/${string}`;
  repliesUrl?: `/api/${string}`;
  label: string;
}) {
  const [messages, setMessages] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.cursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadOlder() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api<Paged<MessageView>>(`${apiUrl}?cursor=${encodeURIComponent(cursor)}`);
      setMessages((current) => [...current, ...page.items.filter((m) => !current.some((c) => c.id === m.id))]);
      setCursor(page.cursor);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoading(false);
    }
  }

  if (messages.length === 0) return <EmptyState>No messages yet.</EmptyState>;
  return (
    <div>
      <ol aria-label={label} className="divide-y divide-slate-200 dark:divide-slate-800">
        {messages.map((message) => (
          <li key={message.id}>
            <MessageItem message={message}>
              {message.replies && message.replies.length > 0 ? (
                <ReplyList replies={message.replies} />
              ) : repliesUrl && message.replies === null ? (
                <ThreadReplies url={`${repliesUrl}/${encodeURIComponent(message.id)}/replies`} />
              ) : null}
            </MessageItem>
          </li>
        ))}
      </ol>
      <div className="mt-4 flex flex-col items-start gap-2" aria-live="polite">
        {cursor ? (
          <Button
            variant="secondary"
            size="lg"
            onClick={() => void loadOlder()}
            pending={loading}
            pendingLabel="Loading older messages…"
          >
            Load older
          </Button>
        ) : (
          <p className="text-sm text-slate-500">This is the beginning of the conversation.</p>
        )}
        {error ? <InlineError>{error}</InlineError> : null}
      </div>
    </div>
  );
}
