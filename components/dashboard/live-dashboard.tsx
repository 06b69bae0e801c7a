"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import { LiveIndicator } from "@/components/live/live-indicator";
import { useLiveEvents } from "@/components/live/use-live-events";
import type { LiveEvent } from "@/lib/live/events";

/** Several changes close together (a burst of messages) cost one re-render. */
const SETTLE_MS = 250;

/**
 * Keeps the dashboard current without a reload: when a recent chat gets a message, a
 * new chat appears or presence changes, the server components render again (from the
 * server's cache, which the change refreshed), so the recent chats reorder in place.
 */
export function LiveDashboard() {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type !== "chats" && event.type !== "presence" && event.type !== "resync") return;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => router.refresh(), SETTLE_MS);
    },
    [router],
  );
  return <LiveIndicator state={useLiveEvents(["dashboard"], onEvent)} />;
}
