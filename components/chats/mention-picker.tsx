"use client";

import { useEffect } from "react";
import type { PersonView } from "@/lib/graph/types";
import type { PeopleSearch } from "./use-people-search";

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** What the picker says when it has no one to offer (also announced by the composer). */
export function pickerNote(search: PeopleSearch): string | null {
  switch (search.kind) {
    case "idle":
      return "Type a name to mention someone.";
    case "loading":
      return "Searching people…";
    case "failed":
      return `People could not be searched. ${search.message}`;
    case "done":
      return search.people.length === 0 ? `No one matches “${search.query}”.` : null;
  }
}

/**
 * The @mention suggestions under (or over) the composer's textarea. It never takes
 * focus: the textarea keeps it and points at the active option (aria-activedescendant),
 * so typing goes on while arrows move through the list.
 */
export function MentionPicker({
  id,
  search,
  active,
  placement,
  onChoose,
  onHover,
}: {
  id: string;
  search: PeopleSearch;
  active: number;
  placement: "above" | "below";
  onChoose: (person: PersonView) => void;
  onHover: (index: number) => void;
}) {
  const people = search.kind === "done" ? search.people : [];
  const note = pickerNote(search);
  // The arrows may move past what the list shows.
  useEffect(() => {
    // Braces: scrollIntoView returns a promise in newer browsers, and an effect may only return its cleanup.
    void document.getElementById(optionId(id, active))?.scrollIntoView({ block: "nearest" });
  }, [id, active]);
  return (
    <div
      className={[
        "absolute inset-x-0 z-20 max-h-64 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900",
        placement === "above" ? "bottom-full mb-1" : "top-full mt-1",
      ].join(" ")}
    >
      {people.length > 0 ? (
        <ul id={id} role="listbox" aria-label="People to mention">
          {people.map((person, index) => (
            <li
              key={person.id}
              id={optionId(id, index)}
              role="option"
              aria-selected={index === active}
              // Keep the textarea focused (and its caret) while choosing with the pointer.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onChoose(person)}
              onMouseEnter={() => onHover(index)}
              className={[
                "cursor-pointer rounded-md px-2 py-1.5 text-sm",
                index === active ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-indigo-200" : "",
              ].join(" ")}
            >
              <span className="flex items-baseline justify-between gap-2">
                <span className="min-w-0 truncate font-medium">{person.name}</span>
                {person.source === "member" ? (
                  <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">In this chat</span>
                ) : null}
              </span>
              {person.email ? (
                <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{person.email}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="px-2 py-1.5 text-sm text-slate-600 dark:text-slate-400">{note}</p>
      )}
    </div>
  );
}
