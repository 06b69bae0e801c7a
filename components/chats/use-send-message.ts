"use client";

import { useCallback, useRef, useState } from "react";
import { useWriteAccess } from "@/components/connections/write-access";
import { api, errorMessage } from "@/components/ui/api";
import type { MessageView } from "@/lib/graph/types";
import { toSendable, type Draft } from "./mention-text";
import { describeSendFailure, type RetryKind } from "./send-errors";

export type SendStatus =
  | { kind: "idle" }
  /** In flight (shown as a pending message); `consent` while the Connect UI asks for the permission. */
  | { kind: "sending"; draft: Draft; consent: boolean }
  | { kind: "sent" }
  | { kind: "failed"; message: string; retry: RetryKind }
  /** Reloading the conversation after an unconfirmed send. */
  | { kind: "checking" }
  /** Reloaded: the user has seen whether it arrived, and may send it again or discard it. */
  | { kind: "checked" };

/**
 * Sending one message at a time to `url`. Each message gets one idempotency key, kept for
 * every retry of the same content (double clicks, network drops, consent, "may have been
 * sent"), so the server posts it at most once; different content gets a new key.
 */
export function useSendMessage({
  url,
  onSent,
  reload,
}: {
  url: `/api/${string}`;
  onSent: (message: MessageView) => void;
  /** Fetches the conversation again, bypassing caches. */
  reload: () => Promise<void>;
}) {
  const { withWriteAccess } = useWriteAccess();
  const [status, setStatus] = useState<SendStatus>({ kind: "idle" });
  const key = useRef<{ value: string; body: string } | null>(null);
  const busy = useRef(false);

  /** Resolves to true once the server created the message. */
  const send = useCallback(
    async (draft: Draft): Promise<boolean> => {
      if (busy.current) return false;
      const payload = toSendable(draft);
      if (!payload.content) return false;
      busy.current = true;
      const body = JSON.stringify(payload);
      if (key.current?.body !== body) key.current = { value: crypto.randomUUID(), body };
      const idempotencyKey = key.current.value;
      setStatus({ kind: "sending", draft, consent: false });
      try {
        const message = await withWriteAccess(
          () =>
            api<MessageView>(url, {
              method: "POST",
              headers: { "Idempotency-Key": idempotencyKey },
              body: payload,
            }),
          () => setStatus({ kind: "sending", draft, consent: true }),
        );
        key.current = null;
        onSent(message);
        setStatus({ kind: "sent" });
        return true;
      } catch (error) {
        const failure = describeSendFailure(error);
        if (failure.freshKey) key.current = null;
        setStatus({ kind: "failed", message: failure.message, retry: failure.retry });
        return false;
      } finally {
        busy.current = false;
      }
    },
    [url, onSent, withWriteAccess],
  );

  /** After "may have been sent": reload first, so the user sees whether it arrived. */
  const check = useCallback(async () => {
    setStatus({ kind: "checking" });
    try {
      await reload();
      setStatus({ kind: "checked" });
    } catch (error) {
      setStatus({
        kind: "failed",
        message: `The conversation could not be reloaded to see whether it arrived. ${errorMessage(error)}`,
        retry: "check",
      });
    }
  }, [reload]);

  /** The user saw their message arrived (or gave up on it): the next one starts fresh. */
  const discard = useCallback(() => {
    key.current = null;
    setStatus({ kind: "idle" });
  }, []);

  return { status, send, check, discard };
}
