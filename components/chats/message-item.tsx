import { formatWhen } from "@/components/ui/format";
import type { MessageView } from "@/lib/graph/types";
import { ReactionBar } from "./reaction-bar";

/** Message body styles: mentions, links, lists, and inline images no wider than the message. */
const BODY =
  "message-body mt-1 text-sm break-words [&_.mention]:rounded [&_.mention]:bg-brand-50 [&_.mention]:px-1 [&_.mention]:font-medium [&_.mention]:text-brand-700 [&_a]:text-brand-700 [&_a]:underline [&_img]:my-1 [&_img]:inline-block [&_img]:h-auto [&_img]:max-h-80 [&_img]:w-auto [&_img]:max-w-full [&_img]:rounded [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5";

/**
 * One message. `html` was sanitised on the server (lib/graph/sanitize.ts): no scripts,
 * handlers, styles or unsafe links survive, so it may be rendered as HTML; its inline
 * images come from our own route, lazy and with alt text. `url` (the
 * message's API URL) adds its reactions bar.
 */
export function MessageItem({
  message,
  url,
  children,
}: {
  message: MessageView;
  url?: `/api/${string}`;
  children?: React.ReactNode;
}) {
  return (
    <article aria-label={`Message from ${message.from ?? "unknown sender"}`} className="group/message relative py-3">
      <header className={`flex flex-wrap items-baseline gap-x-3 text-sm ${url ? "pr-12" : ""}`}>
        <span className="font-semibold">{message.from ?? (message.isSystem ? "Teams" : "Unknown sender")}</span>
        <time dateTime={message.createdAt} className="text-xs text-slate-500 dark:text-slate-400">
          {formatWhen(message.createdAt)}
        </time>
      </header>
      {message.subject ? <p className="mt-1 font-medium">{message.subject}</p> : null}
      {message.isDeleted ? (
        <p className="mt-1 text-sm text-slate-500 italic">This message was deleted.</p>
      ) : (
        <div className={BODY} dangerouslySetInnerHTML={{ __html: message.html }} />
      )}
      {message.attachments.length > 0 ? (
        <ul aria-label="Attachments" className="mt-2 flex flex-wrap gap-2">
          {message.attachments.map((file) => (
            <li key={file.id} className="rounded border border-slate-200 px-2 py-1 text-xs dark:border-slate-700">
              <span aria-hidden>📎 </span>
              {file.url ? (
                <a href={file.url} target="_blank" rel="noopener noreferrer nofollow" className="underline">
                  {file.name}
                </a>
              ) : (
                file.name
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {url && !message.isDeleted && !message.isSystem ? <ReactionBar url={url} reactions={message.reactions} /> : null}
      {children}
    </article>
  );
}
