"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { memo, useLayoutEffect, useRef, useState } from "react";
import type { ChatSummary } from "@/lib/graph/types";
import { ChatRow } from "./chat-row";

// A row's content never changes once loaded: don't re-render it when the list grows.
const Row = memo(ChatRow);

/** About one row (title line, type, preview); real heights are measured as rows render. */
const ESTIMATED_ROW_PX = 89;
/**
 * Before the browser has measured anything (the server's HTML, the first client render),
 * the list renders as if the window were this tall: the first page's rows are in the HTML.
 */
const FIRST_RENDER_HEIGHT_PX = 4_000;

/**
 * The chats as one list the window scrolls, of which only the rows near the screen are
 * in the page: appending the 100th page of 50 costs what the first did. Rows keep their
 * place in the whole set for assistive technology (`aria-posinset` of `aria-setsize`).
 * Spacing above and below stands in for the rows not rendered, so the page keeps its
 * full height and its scrollbar.
 */
export function VirtualChatList({ chats }: { chats: ChatSummary[] }) {
  const list = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the list starts on the page (the window's scroll is counted from the top), again
  // as rows arrive: what is above it (the progress bar) goes when the last page does.
  useLayoutEffect(() => {
    if (!list.current) return;
    const top = list.current.getBoundingClientRect().top + window.scrollY;
    if (Math.abs(top - scrollMargin) >= 1) setScrollMargin(top);
  }, [chats.length, scrollMargin]);
  const virtualizer = useWindowVirtualizer({
    count: chats.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 8,
    scrollMargin,
    initialRect: { width: 0, height: FIRST_RENDER_HEIGHT_PX },
    getItemKey: (index) => chats[index]!.id,
  });
  const items = virtualizer.getVirtualItems();
  // Item positions count from the page's top (they include the margin); the total size
  // counts from the list's. Never negative: the browser would keep the previous value.
  const before = items.length > 0 ? Math.max(0, items[0]!.start - scrollMargin) : 0;
  const after =
    items.length > 0 ? Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]!.end - scrollMargin)) : 0;
  return (
    <ul
      ref={list}
      aria-label="Chats"
      className="divide-y divide-slate-200 dark:divide-slate-800"
      style={{ paddingTop: before, paddingBottom: after }}
    >
      {items.map((item) => (
        <Row
          key={item.key}
          ref={virtualizer.measureElement}
          data-index={item.index}
          aria-posinset={item.index + 1}
          aria-setsize={chats.length}
          chat={chats[item.index]!}
        />
      ))}
    </ul>
  );
}
