"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { REACTIONS, type ReactionType } from "./reactions";

/** The menu's height and a margin: less room than this below the button opens it upwards. */
const MENU_HEIGHT_PX = 56;

/**
 * "Add reaction": a menu of the six reactions (menu button pattern). Arrow keys, Home
 * and End move between them; Escape closes and returns to the button.
 */
export function ReactionMenu({
  isMine,
  onToggle,
  className,
}: {
  isMine: (type: ReactionType) => boolean;
  onToggle: (type: ReactionType) => void;
  className?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [above, setAbove] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => {
    if (!open) return;
    items.current[0]?.focus();
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, [open]);

  function closeMenu() {
    setOpen(false);
    button.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = items.current.findIndex((item) => item === document.activeElement);
    const last = REACTIONS.length - 1;
    const move = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: last }[
      event.key
    ];
    if (move !== undefined) {
      event.preventDefault();
      items.current[(move + REACTIONS.length) % REACTIONS.length]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeMenu();
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  }

  return (
    <div ref={root} className={className}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label="Add reaction"
        title="Add reaction"
        onClick={() => {
          // Open upwards where the menu would fall off the bottom of its scroll box (the newest chat message).
          const box = button.current?.closest("[data-scroller]")?.getBoundingClientRect();
          const rect = button.current?.getBoundingClientRect();
          setAbove(!!rect && (box?.bottom ?? window.innerHeight) - rect.bottom < MENU_HEIGHT_PX);
          setOpen((value) => !value);
        }}
        className="flex h-7 items-center rounded-full border border-slate-300 bg-white px-2 text-xs text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <span aria-hidden>☺+</span>
      </button>
      {open ? (
        <div
          id={`${id}-menu`}
          role="menu"
          aria-label="Reactions"
          onKeyDown={onKeyDown}
          className={`absolute right-0 z-20 ${above ? "bottom-full mb-1" : "top-full mt-1"} flex gap-1 rounded-full border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900`}
        >
          {REACTIONS.map((reaction, index) => (
            <button
              key={reaction.type}
              ref={(element) => {
                items.current[index] = element;
              }}
              type="button"
              role="menuitemcheckbox"
              aria-checked={isMine(reaction.type)}
              aria-label={reaction.name}
              title={reaction.name}
              tabIndex={-1}
              onClick={() => {
                onToggle(reaction.type);
                closeMenu();
              }}
              className={[
                "flex size-9 items-center justify-center rounded-full text-lg hover:bg-slate-100 dark:hover:bg-slate-800",
                isMine(reaction.type) ? "bg-brand-50 dark:bg-slate-800" : "",
              ].join(" ")}
            >
              <span aria-hidden>{reaction.emoji}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
