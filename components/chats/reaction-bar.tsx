"use client";

import { useState } from "react";
import { useWriteAccess } from "@/components/connections/write-access";
import { api, errorMessage } from "@/components/ui/api";
import { InlineError } from "@/components/ui/form-message";
import type { ReactionView } from "@/lib/graph/types";
import { ReactionMenu } from "./reaction-menu";
import { isSettable, reactionEmoji, reactionLabel, reactionPeople, REACTIONS, withChanges } from "./reactions";

const CHIP = "flex h-7 items-center gap-1 rounded-full border px-2 text-xs";

/**
 * A message's reactions (emoji, count, who) and the viewer's own, set or unset at once
 * and put back, with the reason, if the server refuses. `url` is the message's API URL.
 */
export function ReactionBar({ url, reactions }: { url: `/api/${string}`; reactions: ReactionView[] }) {
  const { withWriteAccess } = useWriteAccess();
  // The viewer's changes on top of the server's reactions: sent, or kept once confirmed.
  const [changes, setChanges] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const shown = withChanges(reactions, changes);
  const isMine = (type: string) => shown.some((r) => r.type === type && r.mine);

  async function toggle(type: string) {
    if (busy.includes(type)) return;
    const mine = !isMine(type);
    setChanges((current) => ({ ...current, [type]: mine }));
    setBusy((current) => [...current, type]);
    setError(null);
    try {
      await withWriteAccess(() =>
        api(`${url}/reactions/${encodeURIComponent(type)}`, { method: mine ? "PUT" : "DELETE" }),
      );
    } catch (failure) {
      setChanges(({ [type]: _undone, ...rest }) => rest);
      const name = REACTIONS.find((r) => r.type === type)?.name ?? type;
      setError(`Your ${name} reaction could not be ${mine ? "added" : "removed"}. ${errorMessage(failure)}`);
    } finally {
      setBusy((current) => current.filter((t) => t !== type));
    }
  }

  return (
    <>
      {/* At the message's top right (its article is `relative`); on screens with a pointer, shown on hover or focus. */}
      <ReactionMenu
        isMine={isMine}
        onToggle={(type) => void toggle(type)}
        className="absolute top-2 right-0 focus-within:opacity-100 [@media(hover:hover)]:opacity-0 [@media(hover:hover)]:group-hover/message:opacity-100"
      />
      {shown.length > 0 ? (
        <ul aria-label="Reactions" className="mt-2 flex flex-wrap gap-1.5">
          {shown.map((reaction) => (
            <li key={reaction.type}>
              {isSettable(reaction.type) ? (
                <button
                  type="button"
                  aria-pressed={reaction.mine}
                  aria-label={reactionLabel(reaction)}
                  title={reactionPeople(reaction)}
                  aria-busy={busy.includes(reaction.type) || undefined}
                  onClick={() => void toggle(reaction.type)}
                  className={[
                    CHIP,
                    reaction.mine
                      ? "border-brand-500 bg-brand-50 font-semibold text-brand-700 dark:bg-slate-800 dark:text-indigo-200"
                      : "border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800",
                  ].join(" ")}
                >
                  <span aria-hidden>{reactionEmoji(reaction.type)}</span>
                  <span aria-hidden>{reaction.count}</span>
                </button>
              ) : (
                // Reactions Teams has but the app cannot set: shown, not toggled.
                <span
                  role="img"
                  aria-label={reactionLabel(reaction)}
                  title={reactionPeople(reaction)}
                  className={`${CHIP} border-slate-300 dark:border-slate-600`}
                >
                  {reactionEmoji(reaction.type)} {reaction.count}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <InlineError className="mt-1 text-xs">{error}</InlineError> : null}
    </>
  );
}
