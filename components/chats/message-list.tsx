import type { MessageView } from "@/lib/graph/types";
import { MessageItem } from "./message-item";
import type { Draft } from "./mention-text";
import { PendingMessage } from "./pending-message";

/**
 * Messages in reading order, with the one being sent (if any) last, where it will
 * appear: a chat's messages and a thread's replies. Each message's own API URL (for its
 * reactions and images) is `baseUrl/{id}`.
 */
export function MessageList({
  label,
  className,
  messages,
  baseUrl,
  pending,
}: {
  label: string;
  className: string;
  messages: MessageView[];
  baseUrl: `/api/${string}`;
  pending: Draft | null;
}) {
  return (
    <ol aria-label={label} className={className}>
      {messages.map((message) => (
        <li key={message.id}>
          <MessageItem message={message} url={`${baseUrl}/${encodeURIComponent(message.id)}`} />
        </li>
      ))}
      {pending ? (
        <li>
          <PendingMessage draft={pending} />
        </li>
      ) : null}
    </ol>
  );
}
