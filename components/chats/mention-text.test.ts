import { describe, expect, it } from "vitest";
import { activeQuery, applyEdit, EMPTY_DRAFT, insertMention, segments, toSendable, type Draft } from "./mention-text";

const megan = { id: "u-megan", name: "Megan Bowen" };
const alex = { id: "u-alex", name: "Alex Wilber" };

/** Types `typed` at the end of the draft, one character at a time, as a person would. */
function type(draft: Draft, typed: string): Draft {
  let out = draft;
  for (const char of typed) out = applyEdit(out, out.text + char);
  return out;
}

/** Types `@query`, then picks `person` from the picker. */
function mention(draft: Draft, query: string, person: { id: string; name: string }): Draft {
  const typed = type(draft, `@${query}`);
  const active = activeQuery(typed, typed.text.length);
  expect(active).toEqual({ start: typed.text.length - query.length - 1, query });
  return insertMention(typed, active!.start, typed.text.length, person).draft;
}

describe("mention text", () => {
  it("turns two picked mentions and line breaks into content and mentions in order", () => {
    let draft = type(EMPTY_DRAFT, "Hi ");
    draft = mention(draft, "Meg", megan);
    draft = type(draft, "and ");
    draft = mention(draft, "al", alex);
    draft = type(draft, "\nsee https://example.com ");
    expect(toSendable(draft)).toEqual({
      content: "Hi @Megan Bowen and @Alex Wilber \nsee https://example.com",
      mentions: [
        { id: "u-megan", name: "Megan Bowen" },
        { id: "u-alex", name: "Alex Wilber" },
      ],
    });
  });

  it("puts the caret after the inserted name and its space", () => {
    const typed = type(EMPTY_DRAFT, "@Me");
    const { draft, caret } = insertMention(typed, 0, 3, megan);
    expect(draft.text).toBe("@Megan Bowen ");
    expect(caret).toBe(13);
    const beforeSpace = insertMention({ text: "@Me rest", mentions: [] }, 0, 3, megan);
    expect(beforeSpace.draft.text).toBe("@Megan Bowen rest");
    expect(beforeSpace.caret).toBe(13);
  });

  it("drops a mention whose text was edited or partly deleted", () => {
    const draft = mention(EMPTY_DRAFT, "Meg", megan);
    // Backspace over the space, then over the last letter of the name.
    const noSpace = applyEdit(draft, "@Megan Bowen", 12);
    expect(noSpace.mentions).toHaveLength(1);
    const cut = applyEdit(noSpace, "@Megan Bowe", 11);
    expect(toSendable(cut)).toEqual({ content: "@Megan Bowe", mentions: [] });
    // A letter typed inside the name.
    const inside = applyEdit(draft, "@Megxan Bowen ", 4);
    expect(inside.mentions).toEqual([]);
    // The whole mention selected and replaced.
    expect(applyEdit(draft, "x ", 1).mentions).toEqual([]);
  });

  it("moves mentions when text is typed or deleted before them, and keeps them when typed after", () => {
    const draft = mention(EMPTY_DRAFT, "Meg", megan);
    // Typing "@" in front of "@Megan": the edit is at the caret (1), not inside the mention.
    const before = applyEdit(draft, "@@Megan Bowen ", 1);
    expect(before.mentions).toEqual([{ ...megan, start: 1 }]);
    const typedBefore = applyEdit(draft, "Hi @Megan Bowen ", 3);
    expect(typedBefore.mentions).toEqual([{ ...megan, start: 3 }]);
    const deletedBefore = applyEdit(typedBefore, "i @Megan Bowen ", 0);
    expect(deletedBefore.mentions).toEqual([{ ...megan, start: 2 }]);
    const after = applyEdit(draft, "@Megan Bowen, hi", 16);
    expect(after.mentions).toEqual([{ ...megan, start: 0 }]);
  });

  it("keeps a mention when text pasted elsewhere repeats its characters", () => {
    const draft: Draft = { text: "@Megan Bowen  ok", mentions: [{ ...megan, start: 0 }] };
    // "Bowen " pasted at index 13 (after "@Megan Bowen ").
    const pasted = applyEdit(draft, "@Megan Bowen Bowen  ok", 19);
    expect(pasted.mentions).toEqual([{ ...megan, start: 0 }]);
  });

  it("finds the @query at the caret only where a mention can start", () => {
    const draft = type(EMPTY_DRAFT, "mail me@home or @ad");
    expect(activeQuery(draft, draft.text.length)).toEqual({ start: 16, query: "ad" });
    expect(activeQuery(draft, 12)).toBeNull(); // "me@ho": not after a space
    expect(activeQuery(type(EMPTY_DRAFT, "@"), 1)).toEqual({ start: 0, query: "" });
    expect(activeQuery(type(EMPTY_DRAFT, "(@Al"), 4)).toEqual({ start: 1, query: "Al" });
    expect(activeQuery(type(EMPTY_DRAFT, "@Alex Wil"), 9)).toEqual({ start: 0, query: "Alex Wil" });
    expect(activeQuery(type(EMPTY_DRAFT, "@ x"), 3)).toBeNull();
    expect(activeQuery(type(EMPTY_DRAFT, "@a\nb"), 4)).toBeNull();
    expect(activeQuery(type(EMPTY_DRAFT, `@${"x".repeat(41)}`), 42)).toBeNull();
    // Right after a picked mention there is nothing to search.
    const picked = mention(EMPTY_DRAFT, "Meg", megan);
    expect(activeQuery(picked, 12)).toBeNull();
  });

  it("sends the text without surrounding blank space, inner line breaks as typed", () => {
    expect(toSendable(type(EMPTY_DRAFT, "\n  first\n\nsecond  \n"))).toEqual({
      content: "first\n\nsecond",
      mentions: [],
    });
  });

  it("splits the draft into text and mentions for the pending message", () => {
    const draft = type(mention(type(EMPTY_DRAFT, "Hi "), "Me", megan), "!");
    expect(segments(draft)).toEqual([
      { text: "Hi " },
      { text: "@Megan Bowen", mention: { ...megan, start: 3 } },
      { text: " !" },
    ]);
  });
});
