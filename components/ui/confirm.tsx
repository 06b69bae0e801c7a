"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "./button";
import type { ButtonSize } from "./button-styles";
import { InlineError } from "./form-message";
import { useAction } from "./use-action";

/**
 * A destructive action behind an inline "are you sure?": the trigger opens a group with
 * the question, confirm and cancel; after the action succeeds the page's server data refreshes.
 */
export function ConfirmAction({
  triggerLabel,
  describedBy,
  label,
  question,
  confirmLabel,
  pendingLabel,
  cancelLabel,
  action,
  compact = false,
}: {
  triggerLabel: string;
  /** Names what the action is about for screen readers (e.g. the user's row). */
  describedBy?: string;
  /** The confirmation group's accessible name. */
  label: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  cancelLabel: string;
  action: () => Promise<unknown>;
  /** In a table cell: smaller buttons and padding. */
  compact?: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useAction(action);
  const size: ButtonSize = compact ? "sm" : "md";

  async function confirm() {
    if (!(await run())) return;
    setConfirming(false);
    router.refresh();
  }

  if (!confirming) {
    return (
      <Button
        variant="danger-outline"
        size={compact ? "sm" : "lg"}
        aria-describedby={describedBy}
        onClick={() => setConfirming(true)}
      >
        {triggerLabel}
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-label={label}
      className={`rounded-md border border-red-300 dark:border-red-800 ${compact ? "min-w-48 p-2" : "p-3"}`}
    >
      <p className="text-sm">{question}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button
          variant="danger"
          size={size}
          onClick={() => void confirm()}
          pending={pending}
          pendingLabel={pendingLabel}
        >
          {confirmLabel}
        </Button>
        <Button variant="secondary" size={size} onClick={() => setConfirming(false)}>
          {cancelLabel}
        </Button>
      </div>
      {error ? <InlineError className={compact ? "mt-1" : "mt-2"}>{error}</InlineError> : null}
    </div>
  );
}
