import { segments, type Draft } from "./mention-text";

/** The message being sent, shown where it will appear until the server's copy replaces it. */
export function PendingMessage({ draft }: { draft: Draft }) {
  return (
    <article aria-label="Your message, sending" className="py-3 opacity-70">
      <header className="text-sm">
        <span className="font-semibold">You</span>{" "}
        <span className="text-xs text-slate-600 dark:text-slate-400">Sending…</span>
      </header>
      {/* Plain text as typed: React escapes it, line breaks kept by pre-wrap. */}
      <p className="mt-1 text-sm break-words whitespace-pre-wrap">
        {segments(draft).map((part, index) =>
          part.mention ? (
            <span key={index} className="rounded bg-brand-50 px-1 font-medium text-brand-700">
              {part.text}
            </span>
          ) : (
            part.text
          ),
        )}
      </p>
    </article>
  );
}
