"use client";

import { useEffect, useRef, useState } from "react";
import type { LiveEvent } from "@/lib/live/events";

/** After the server refused the stream (not a network drop, which EventSource retries itself). */
const RETRY_AFTER_REFUSAL_MS = [2_000, 5_000, 15_000, 60_000];

export type LiveState = "connecting" | "live" | "snapshot" | "off";

/**
 * Follows topics (lib/live/topic-key.ts) over the app's live stream while the page is
 * visible: `onEvent` gets every event, and a `resync` whenever the page may have missed
 * some (the stream came back after a drop, the tab became visible again), so it reads
 * again what it shows. A hidden tab holds no connection. No polling: one EventSource.
 */
export function useLiveEvents(topics: string[], onEvent: (event: LiveEvent) => void): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);
  const query = topics.map((topic) => `topic=${encodeURIComponent(topic)}`).join("&");

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let refusals = 0;
    let opened = false;

    const connect = () => {
      clearTimeout(retry);
      source?.close();
      const next = new EventSource(`/api/live?${query}`);
      source = next;
      next.onopen = () => {
        refusals = 0;
        // Every open after the first: events may have been sent while we were away.
        if (opened) handler.current({ type: "resync" });
        opened = true;
      };
      next.onmessage = (message: MessageEvent<string>) => {
        let event: LiveEvent;
        try {
          event = JSON.parse(message.data) as LiveEvent;
        } catch {
          return;
        }
        if (event.type === "status") setState(Object.values(event.live).every(Boolean) ? "live" : "snapshot");
        handler.current(event);
      };
      next.onerror = () => {
        if (next.readyState !== EventSource.CLOSED) return setState("connecting");
        // Refused (signed out, live updates off, too many tabs): try again later, slower each time.
        setState(refusals >= RETRY_AFTER_REFUSAL_MS.length ? "off" : "connecting");
        const wait = RETRY_AFTER_REFUSAL_MS[Math.min(refusals++, RETRY_AFTER_REFUSAL_MS.length - 1)]!;
        retry = setTimeout(connect, wait);
      };
    };
    const disconnect = () => {
      clearTimeout(retry);
      source?.close();
      source = null;
    };
    const onVisibility = () => (document.visibilityState === "visible" ? connect() : disconnect());

    if (document.visibilityState === "visible") connect();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      disconnect();
    };
  }, [query]);

  return state;
}
