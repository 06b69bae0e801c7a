"use client";

import { useCallback, useState } from "react";
import type { MessageView } from "@/lib/graph/types";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { useSendMessage } from "./use-send-message";

type Replies =
  { kind: "closed" | "loading" } | { kind: "open"; items: MessageView[] } | { kind: "failed"; message: string };

/**
 * A channel message's thread: its replies, oldest first and indented under it (sent with
 * the message, or loaded on demand, one call per opened thread), and a Reply box.
 * `url` is the message's API URL.
 */
export function ThreadReplies({
  url,
  initial,
  canReply,
}: {
  url: `/api/${string}`;
  initial: MessageView[] | null;
  canReply: boolean;
}) {
  const repliesUrl: `/api/${string}` = `${url}/replies`;
  const [replies, setReplies] = useState<Replies>(initial ? { kind: "open", items: initial } : { kind: "closed" });
  const [replying, setReplying] = useState(false);

  // Replies that arrived later (live, or with a newer read of the channel) join the open
  // thread: adjusted while rendering when the prop changes (React's pattern for derived state).
  const [seenInitial, setSeenInitial] = useState(initial);
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    if (initial) {
      const incoming = new Set(initial.map((r) => r.id));
      setReplies((current) =>
        current.kind === "open"
          ? { kind: "open", items: [...current.items.filter((r) => !incoming.has(r.id)), ...initial] }
          : { kind: "open", items: initial },
      );
    }
  }

  const fetchReplies = useCallback(
    async (refresh: boolean) => {
      const { items } = await api<{ items: MessageView[] }>(`${repliesUrl}${refresh ? "?refresh=1" : ""}`);
      setReplies({ kind: "open", items });
    },
    [repliesUrl],
  );

  async function open() {
    setReplies({ kind: "loading" });
    await fetchReplies(false).catch((error: unknown) => setReplies({ kind: "failed", message: errorMessage(error) }));
  }

  const onSent = useCallback((reply: MessageView) => {
    setReplies((current) => ({
      kind: "open",
      items: [...(current.kind === "open" ? current.items.filter((r) => r.id !== reply.id) : []), reply],
    }));
  }, []);
  const reload = useCallback(() => fetchReplies(true), [fetchReplies]);
  const sender = useSendMessage({ url: repliesUrl, onSent, reload });
  const pending = sender.status.kind === "sending" ? sender.status.draft : null;

  function startReply() {
    setReplying(true);
    if (replies.kind === "closed" || replies.kind === "failed") void open();
  }

  // Oldest first, as a thread reads (Graph's inline replies come newest first).
  const items =
    replies.kind === "open" ? [...replies.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : [];
  return (
    <div className="mt-1 ml-3 sm:ml-6">
      {items.length > 0 || pending ? (
        <MessageList
          label="Replies"
          className="mt-2 border-l-2 border-slate-200 pl-4 dark:border-slate-700"
          messages={items}
          baseUrl={repliesUrl}
          pending={pending}
        />
      ) : null}
      <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1" aria-live="polite">
        {replies.kind === "closed" || replies.kind === "loading" || replies.kind === "failed" ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => void open()}
            pending={replies.kind === "loading"}
            pendingLabel="Loading replies…"
          >
            Show replies
          </Button>
        ) : items.length === 0 && !pending ? (
          <p className="text-xs text-slate-500">No replies.</p>
        ) : null}
        {replying || !canReply ? null : (
          <Button variant="ghost" size="sm" onClick={startReply}>
            Reply
          </Button>
        )}
      </div>
      {replies.kind === "failed" ? <InlineError>{replies.message}</InlineError> : null}
      {replying ? (
        <div className="mt-2 pl-4">
          <Composer
            label="Reply"
            placeholder="Reply"
            submitLabel="Reply"
            sender={sender}
            pickerPlacement="below"
            autoFocus
          />
        </div>
      ) : null}
    </div>
  );
}
