"use client";

import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { PersonView } from "@/lib/graph/types";
import { Button } from "@/components/ui/button";
import { fieldClasses } from "@/components/ui/field";
import { ComposerStatus } from "./composer-status";
import { MentionPicker, optionId, pickerNote } from "./mention-picker";
import { activeQuery, applyEdit, EMPTY_DRAFT, insertMention, toSendable, type Draft } from "./mention-text";
import { usePeopleSearch } from "./use-people-search";
import type { useSendMessage } from "./use-send-message";

/** Microsoft Teams takes at most 28,000 characters of message content (the server says so too). */
export const MAX_CONTENT = 28_000;

/**
 * A message box: plain text with line breaks, links and @mentions. Enter sends and
 * Shift+Enter starts a new line (never while an input method is composing or while the
 * people picker is choosing). The text leaves the box while it is sent (the conversation
 * shows it as pending) and comes back, with the reason and a retry, if sending failed.
 */
export function Composer({
  label,
  placeholder,
  submitLabel = "Send",
  sender,
  chatId,
  pickerPlacement = "above",
  autoFocus = false,
}: {
  label: string;
  placeholder: string;
  submitLabel?: string;
  sender: ReturnType<typeof useSendMessage>;
  /** Searches this chat's members first. */
  chatId?: string;
  pickerPlacement?: "above" | "below";
  autoFocus?: boolean;
}) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const nextCaret = useRef<number | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [highlight, setHighlight] = useState({ query: "", index: 0 });
  const { status } = sender;
  const sending = status.kind === "sending";

  const query = sending || !focused ? null : activeQuery(draft, caret);
  const picking = query && query.start !== dismissedAt ? query : null;
  const search = usePeopleSearch(picking?.query ?? null, chatId);
  const people = search.kind === "done" ? search.people : [];
  // Nobody matched and the user has typed on past a space: it is ordinary text, not a mention.
  const showPicker = !!picking && !(search.kind === "done" && people.length === 0 && /\s/.test(picking.query));
  const queryKey = picking ? `${picking.start}:${picking.query}` : "";
  const active = highlight.query === queryKey ? Math.min(highlight.index, people.length - 1) : 0;
  const listId = `${id}-people`;

  const content = toSendable(draft).content;
  const over = content.length - MAX_CONTENT;

  useLayoutEffect(() => {
    if (nextCaret.current === null || !textarea.current) return;
    textarea.current.setSelectionRange(nextCaret.current, nextCaret.current);
    nextCaret.current = null;
  });

  function choose(person: PersonView) {
    if (!picking) return;
    const inserted = insertMention(draft, picking.start, caret, person);
    setDraft(inserted.draft);
    setCaret(inserted.caret);
    nextCaret.current = inserted.caret;
    textarea.current?.focus();
  }

  function restore(previous: Draft) {
    setDraft(previous);
    setCaret(previous.text.length);
    nextCaret.current = previous.text.length;
  }

  async function submit() {
    if (sending || status.kind === "checking") return;
    if (status.kind === "failed" && status.retry === "check") {
      await sender.check();
      return;
    }
    if (!content || over > 0) return;
    const sent = draft;
    setDraft(EMPTY_DRAFT);
    setCaret(0);
    setDismissedAt(null);
    if (!(await sender.send(sent))) restore(sent);
    textarea.current?.focus();
  }

  function discard() {
    restore(EMPTY_DRAFT);
    sender.discard();
    textarea.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // An input method (Japanese, Chinese…) uses Enter to confirm what it is composing.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (showPicker && picking) {
      const count = people.length;
      if (count > 0 && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : count - 1;
        setHighlight({ query: queryKey, index: (active + step) % count });
        return;
      }
      if (count > 0 && (event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
        event.preventDefault();
        choose(people[active] ?? people[0]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(picking.start);
        return;
      }
      // Still searching: Enter waits for the names rather than sending a half-typed mention.
      if (event.key === "Enter" && !event.shiftKey && search.kind === "loading") {
        event.preventDefault();
        return;
      }
    }
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  }

  const pickerAnnouncement = showPicker
    ? people.length > 0
      ? `${people.length} ${people.length === 1 ? "person" : "people"} found. Up and down arrows to choose, Enter to insert, Escape to close.`
      : pickerNote(search)
    : "";

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      className="min-w-0"
    >
      <label htmlFor={`${id}-text`} className="sr-only">
        {label}
      </label>
      <div className="flex items-end gap-2">
        <div className="relative min-w-0 flex-1">
          <textarea
            ref={textarea}
            id={`${id}-text`}
            value={draft.text}
            placeholder={placeholder}
            rows={1}
            readOnly={sending}
            autoFocus={autoFocus}
            aria-describedby={`${id}-help`}
            aria-autocomplete="list"
            aria-controls={showPicker && people.length > 0 ? listId : undefined}
            aria-activedescendant={showPicker && people.length > 0 ? optionId(listId, active) : undefined}
            onChange={(event) => {
              const at = event.target.selectionStart;
              setDraft(applyEdit(draft, event.target.value, at));
              setCaret(at);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            className={fieldClasses(
              "lg",
              "block [field-sizing:content] max-h-48 min-h-11 w-full resize-none read-only:bg-slate-50 dark:read-only:bg-slate-900",
            )}
          />
          {showPicker ? (
            <MentionPicker
              id={listId}
              search={search}
              active={active}
              placement={pickerPlacement}
              onChoose={choose}
              onHover={(index) => setHighlight({ query: queryKey, index })}
            />
          ) : null}
        </div>
        <Button type="submit" size="lg" disabled={sending || !content || over > 0}>
          {submitLabel}
        </Button>
      </div>
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Enter to send, Shift+Enter for a new line, @ to mention someone.
        {over > 0
          ? null
          : content.length > MAX_CONTENT - 1_000
            ? ` ${content.length} of ${MAX_CONTENT} characters.`
            : null}
      </p>
      <p role="status" className="sr-only">
        {pickerAnnouncement}
      </p>
      <ComposerStatus
        status={status}
        overLimit={over > 0 ? over : 0}
        onRetry={() => void submit()}
        onCheck={() => void sender.check()}
        onDiscard={discard}
      />
    </form>
  );
}
