"use client";

import { useCallback, useLayoutEffect, useRef } from "react";
import { LiveIndicator } from "@/components/live/live-indicator";
import { useConversationLive } from "@/components/live/use-conversation-live";
import type { MessageView, Paged } from "@/lib/graph/types";
import { topicKey } from "@/lib/live/topic-key";
import { Composer } from "./composer";
import { LoadOlder } from "./load-older";
import { MessageList } from "./message-list";
import { useMessagePages } from "./use-message-pages";
import { useSendMessage } from "./use-send-message";

/** Within this many pixels of the end counts as "reading the newest". */
const NEAR_BOTTOM_PX = 48;

/**
 * A chat as Teams shows it: oldest at the top, newest at the bottom next to the message
 * box, "Load older" above. Opens scrolled to the newest message and stays there while
 * images load or messages are sent; loading older ones keeps what is on screen in place.
 */
export function ChatConversation({ chatId, initial }: { chatId: string; initial: Paged<MessageView> }) {
  const apiUrl: `/api/${string}` = `/api/chats/${encodeURIComponent(chatId)}/messages`;
  const pages = useMessagePages(initial, apiUrl);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Distance from the end before older messages are put above, to restore after they render.
  const keepFromEnd = useRef<number | null>(null);

  const { add } = pages;
  const onSent = useCallback(
    (message: MessageView) => {
      atBottom.current = true;
      add(message);
    },
    [add],
  );
  const sender = useSendMessage({ url: apiUrl, onSent, reload: pages.reload });
  // New messages arrive by themselves; the view follows them when the reader is at the newest.
  const live = useConversationLive(topicKey({ kind: "chat", chatId }), pages);
  const pending = sender.status.kind === "sending" ? sender.status.draft : null;

  // By when they were written: Graph pages by last modification, which a reaction changes.
  const chronological = [...pages.messages].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );

  // When the messages change: keep the reading position (older ones put above), else
  // follow the newest if that is where the reader is, and always for one being sent.
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    if (keepFromEnd.current !== null) {
      box.scrollTop = box.scrollHeight - keepFromEnd.current;
      keepFromEnd.current = null;
    } else if (atBottom.current || pending) {
      box.scrollTop = box.scrollHeight;
      atBottom.current = true;
    }
  }, [pages.messages, pending]);

  // Images load after the first render and make the content taller.
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box || !content.current) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) box.scrollTop = box.scrollHeight;
    });
    observer.observe(content.current);
    return () => observer.disconnect();
  }, []);

  function loadOlder() {
    const box = scroller.current;
    if (box) keepFromEnd.current = box.scrollHeight - box.scrollTop;
    void pages.loadOlder().then((loaded) => {
      // Nothing was put above: there is no position to restore.
      if (!loaded) keepFromEnd.current = null;
    });
  }

  return (
    <div className="flex min-w-0 flex-col gap-3">
      {/* Focusable so keyboard users can scroll it; its messages are a list named for assistive tech. */}
      <div
        ref={scroller}
        tabIndex={0}
        data-scroller
        onScroll={(event) => {
          const box = event.currentTarget;
          atBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_BOTTOM_PX;
        }}
        className="max-h-[65dvh] overflow-y-auto overscroll-contain rounded-md lg:max-h-[calc(100dvh-20rem)]"
      >
        <div ref={content} className="pr-1">
          <LoadOlder more={!!pages.cursor} loading={pages.loading} error={pages.error} onLoad={loadOlder} />
          {chronological.length === 0 && !pending ? (
            <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">
              No messages yet. Say hello below.
            </p>
          ) : null}
          <MessageList
            label="Chat messages"
            className="divide-y divide-slate-200 dark:divide-slate-800"
            messages={chronological}
            baseUrl={apiUrl}
            pending={pending}
          />
        </div>
      </div>
      <Composer label="Message" placeholder="Type a message" sender={sender} chatId={chatId} />
      <LiveIndicator state={live} />
    </div>
  );
}
