"use client";

import { useState } from "react";
import type { MessageView } from "@/lib/graph/types";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";
import { MessageItem } from "./message-item";

/** A thread's replies, indented under the message they answer. */
export function ReplyList({ replies }: { replies: MessageView[] }) {
  return (
    <ol aria-label="Replies" className="mt-2 ml-3 border-l-2 border-slate-200 pl-4 sm:ml-6 dark:border-slate-700">
      {replies.map((reply) => (
        <li key={reply.id}>
          <MessageItem message={reply} />
        </li>
      ))}
    </ol>
  );
}

/** Loads a channel thread's replies on demand (one call per opened thread). */
export function ThreadReplies({ url }: { url: `/api/${string}` }) {
  const [state, setState] = useState<
    { kind: "closed" | "loading" } | { kind: "open"; replies: MessageView[] } | { kind: "failed"; message: string }
  >({ kind: "closed" });

  async function open() {
    setState({ kind: "loading" });
    try {
      const { items } = await api<{ items: MessageView[] }>(url);
      setState({ kind: "open", replies: items });
    } catch (error) {
      setState({ kind: "failed", message: errorMessage(error) });
    }
  }

  if (state.kind === "open") {
    if (state.replies.length === 0) return <p className="mt-1 ml-3 text-xs text-slate-500 sm:ml-6">No replies.</p>;
    return <ReplyList replies={state.replies} />;
  }
  return (
    <div className="mt-1 ml-3 sm:ml-6" aria-live="polite">
      <Button
        variant="ghost"
        size="sm"
        onClick={() => void open()}
        pending={state.kind === "loading"}
        pendingLabel="Loading replies…"
      >
        Show replies
      </Button>
      {state.kind === "failed" ? <InlineError>{state.message}</InlineError> : null}
    </div>
  );
}
