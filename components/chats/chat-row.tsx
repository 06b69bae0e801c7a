import Link from "next/link";
import type { LiHTMLAttributes, Ref } from "react";
import { formatWhen } from "@/components/ui/format";
import { CHAT_TYPE_LABEL } from "./chat-type";
import type { ChatSummary } from "@/lib/graph/types";

type RowProps = Omit<LiHTMLAttributes<HTMLLIElement>, "className" | "children"> & { ref?: Ref<HTMLLIElement> };

/**
 * One chat in a list: title, type, last message preview and time. `rowProps` go on the
 * list item (a virtual list's measuring ref, position in the set).
 */
export function ChatRow({ chat, ...rowProps }: { chat: ChatSummary } & RowProps) {
  return (
    <li className="min-w-0 py-3" {...rowProps}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        {/* No prefetch: a list of thousands of chats would prefetch every visible row. */}
        <Link
          href={`/chats/${encodeURIComponent(chat.id)}`}
          prefetch={false}
          className="font-medium text-brand-700 hover:underline dark:text-indigo-300"
        >
          {chat.title}
        </Link>
        {chat.lastMessage ? (
          <time dateTime={chat.lastMessage.at} className="text-xs text-slate-500 dark:text-slate-400">
            {formatWhen(chat.lastMessage.at)}
          </time>
        ) : null}
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">{CHAT_TYPE_LABEL[chat.chatType]}</p>
      {chat.lastMessage ? (
        <p className="mt-1 truncate text-sm text-slate-700 dark:text-slate-300">
          {chat.lastMessage.from ? <span className="font-medium">{chat.lastMessage.from}: </span> : null}
          {chat.lastMessage.preview}
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-500">No messages yet.</p>
      )}
    </li>
  );
}
