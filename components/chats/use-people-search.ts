"use client";

import { useEffect, useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import type { PersonView } from "@/lib/graph/types";

export type PeopleSearch =
  | { kind: "idle" }
  | { kind: "loading"; query: string }
  | { kind: "done"; query: string; people: PersonView[] }
  | { kind: "failed"; query: string; message: string };

/** The server rate-limits people search: wait for a pause in typing before asking. */
const DEBOUNCE_MS = 200;

/**
 * People matching `query` (null when the picker is closed): the chat's members first,
 * then the organisation. Debounced; each query's answer is kept, so backspacing over a
 * name does not ask again, and an answer only ever shows for its own query.
 */
export function usePeopleSearch(query: string | null, chatId?: string): PeopleSearch {
  const [answers, setAnswers] = useState<Record<string, PersonView[]>>({});
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const q = query?.trim() ?? "";
  const key = q.toLowerCase();
  const known = key ? answers[key] : undefined;
  const failed = failure?.key === key;

  useEffect(() => {
    if (!key || known || failed) return;
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ q: key, ...(chatId ? { chatId } : {}) });
      api<{ items: PersonView[] }>(`/api/people?${params}`).then(
        ({ items }) => setAnswers((current) => ({ ...current, [key]: items })),
        (error: unknown) => setFailure({ key, message: errorMessage(error) }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, known, failed, chatId]);

  if (!key) return { kind: "idle" };
  if (known) return { kind: "done", query: q, people: known };
  if (failed) return { kind: "failed", query: q, message: failure.message };
  return { kind: "loading", query: q };
}
