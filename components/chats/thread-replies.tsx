"use client";

import { useState } from "react";
import type { MessageView } from "@/lib/graph/types";
import { getJson } from "./get-json";
import { MessageItem } from "./message-item";

/** Loads a channel thread's replies on demand (one call per opened thread). */
export function ThreadReplies({ url }: { url: string }) {
  const [state, setState] = useState<{ kind: "closed" | "loading" } | { kind: "open"; replies: MessageView[] } | { kind: "failed"; message: string }>({ kind: "closed" });

  async function open() {
    setState({ kind: "loading" });
    try {
      const { items } = await getJson<{ items: MessageView[] }>(url);
      setState({ kind: "open", replies: items });
    } catch (error) {
      setState({ kind: "failed", message: (error as Error).message });
    }
  }

  if (state.kind === "open") {
    if (state.replies.length === 0) return <p className="ml-6 mt-1 text-xs text-slate-500">No replies.</p>;
    return (
      <ol aria-label="Replies" className="ml-6 mt-2 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
        {state.replies.map((reply) => (
          <li key={reply.id}>
            <MessageItem message={reply} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <div className="ml-6 mt-1" aria-live="polite">
      <button type="button" onClick={() => void open()} disabled={state.kind === "loading"} className="text-xs font-medium text-brand-700 hover:underline disabled:opacity-60 dark:text-indigo-300">
        {state.kind === "loading" ? "Loading replies…" : "Show replies"}
      </button>
      {state.kind === "failed" ? <p role="alert" className="text-xs text-red-700 dark:text-red-400">{state.message}</p> : null}
    </div>
  );
}
