"use client";

import type { LiveState } from "./use-live-events";

const TEXT: Record<LiveState, string | null> = {
  connecting: null,
  live: "Live",
  snapshot: "Live updates unavailable: reload to see new messages",
  off: "Live updates unavailable: reload to see new messages",
};

/** Says whether new messages appear by themselves. */
export function LiveIndicator({ state }: { state: LiveState }) {
  const text = TEXT[state];
  if (!text) return null;
  return (
    <p className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400" data-live-state={state}>
      {state === "live" ? <span aria-hidden className="inline-block size-2 rounded-full bg-emerald-500" /> : null}
      {text}
    </p>
  );
}
