import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";
import type { SendStatus } from "./use-send-message";

/**
 * Under the message box: what sending is doing (announced politely), or why it failed
 * (an alert) with the way on. After "may have been sent" the only way on is to look at
 * the reloaded conversation first; sending again is offered after that.
 */
export function ComposerStatus({
  status,
  overLimit,
  onRetry,
  onCheck,
  onDiscard,
}: {
  status: SendStatus;
  overLimit: number;
  onRetry: () => void;
  onCheck: () => void;
  onDiscard: () => void;
}) {
  return (
    <div aria-live="polite" className="mt-1 text-sm">
      {status.kind === "sending" ? (
        <p role="status" className="text-slate-600 dark:text-slate-400">
          {status.consent
            ? "Sending needs your permission to send messages in Microsoft Teams: continue in the window that opened."
            : "Sending…"}
        </p>
      ) : null}
      {status.kind === "sent" ? (
        <p role="status" className="sr-only">
          Sent.
        </p>
      ) : null}
      {status.kind === "checking" ? (
        <p role="status" className="text-slate-600 dark:text-slate-400">
          Reloading the conversation…
        </p>
      ) : null}
      {status.kind === "checked" ? (
        <div role="status" className="text-slate-700 dark:text-slate-300">
          <p>Conversation reloaded. If your message is there, discard this copy; if not, send it again.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" onClick={onRetry}>
              Send again
            </Button>
            <Button size="sm" variant="secondary" onClick={onDiscard}>
              Discard
            </Button>
          </div>
        </div>
      ) : null}
      {status.kind === "failed" ? (
        <div>
          <InlineError>{status.message}</InlineError>
          {status.retry !== "none" ? (
            <Button
              size="sm"
              variant="secondary"
              className="mt-2"
              onClick={status.retry === "check" ? onCheck : onRetry}
            >
              {status.retry === "check" ? "Check the conversation" : "Retry"}
            </Button>
          ) : null}
        </div>
      ) : null}
      {overLimit > 0 ? (
        <InlineError>
          {`${overLimit} ${overLimit === 1 ? "character" : "characters"} over the limit of 28,000: shorten the message to send it.`}
        </InlineError>
      ) : null}
    </div>
  );
}
