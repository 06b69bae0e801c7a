/**
 * The composer's text with the @mentions picked from the people picker. A mention is
 * the exact text `@` + name at a position; editing inside it (or deleting part of it)
 * turns it back into plain text, so what is sent never tags someone the text no longer
 * names. Pure, so the browser and the unit tests share it.
 */

export interface Mention {
  id: string;
  name: string;
  /** Index of the `@` in the text. */
  start: number;
}

export interface Draft {
  text: string;
  /** Sorted by `start`; never overlapping. */
  mentions: Mention[];
}

/** What the send API takes: each mention, in order, is the next `@name` in `content`. */
export interface Sendable {
  content: string;
  mentions: Array<{ id: string; name: string }>;
}

export const EMPTY_DRAFT: Draft = { text: "", mentions: [] };

const end = (mention: Mention) => mention.start + mention.name.length + 1;

/** Mentions whose text is still exactly `@name` where they say. */
const intact = (text: string, mentions: Mention[]) => mentions.filter((m) => text.startsWith(`@${m.name}`, m.start));

/**
 * The draft after the textarea's value changed to `next`, with the caret at `caret`
 * (where the typed or pasted text ends). The edit is found as the longest common
 * prefix and suffix, the suffix never reaching before the caret, so typing just before
 * a mention moves it rather than breaking it.
 */
export function applyEdit(draft: Draft, next: string, caret: number = next.length): Draft {
  const prev = draft.text;
  if (prev === next) return draft;
  let suffix = 0;
  const maxSuffix = Math.min(prev.length, next.length - Math.min(caret, next.length));
  while (suffix < maxSuffix && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  let prefix = 0;
  const maxPrefix = Math.min(prev.length, next.length) - suffix;
  while (prefix < maxPrefix && prev[prefix] === next[prefix]) prefix++;
  // prev[prefix, removedEnd) was replaced by next[prefix, next.length - suffix).
  const removedEnd = prev.length - suffix;
  const delta = next.length - prev.length;
  const mentions: Mention[] = [];
  for (const mention of draft.mentions) {
    const e = end(mention);
    if (removedEnd <= mention.start) {
      mentions.push({ ...mention, start: mention.start + delta });
    } else if (prefix >= e) {
      mentions.push(mention);
    }
    // Otherwise the edit touched the mention's own text: it is plain text now.
  }
  return { text: next, mentions: intact(next, mentions) };
}

/**
 * The `@query` being typed at the caret, if any: an `@` at the start of the text or after
 * a space or an opening bracket, not part of a picked mention, followed by up to 40
 * characters on the same line. `query` may be empty (just typed `@`).
 */
export function activeQuery(draft: Draft, caret: number): { start: number; query: string } | null {
  const { text } = draft;
  for (let i = caret - 1; i >= 0 && caret - i <= 41; i--) {
    const char = text[i];
    if (char === "\n") return null;
    if (char !== "@") continue;
    if (i > 0 && !/[\s([{"'“‘]/.test(text[i - 1] ?? "")) return null;
    if (draft.mentions.some((m) => m.start <= i && i < end(m))) return null;
    const query = text.slice(i + 1, caret);
    if (/^\s|\s\s/.test(query)) return null;
    return { start: i, query };
  }
  return null;
}

/**
 * Replaces `text[start, caret)` (the `@query`) with `@name` and a space, records the
 * mention, and says where the caret goes (after the space).
 */
export function insertMention(
  draft: Draft,
  start: number,
  caret: number,
  person: { id: string; name: string },
): { draft: Draft; caret: number } {
  const { text } = draft;
  const after = text.slice(caret);
  const inserted = `@${person.name}${/^\s/.test(after) ? "" : " "}`;
  const next = text.slice(0, start) + inserted + after;
  const edited = applyEdit(draft, next, start + inserted.length);
  const mentions = [...edited.mentions, { id: person.id, name: person.name, start }].sort((a, b) => a.start - b.start);
  return { draft: { text: next, mentions }, caret: start + inserted.length + (inserted.endsWith(" ") ? 0 : 1) };
}

/**
 * The request body for a draft: the text without surrounding blank space (inner line
 * breaks kept as typed) and the mentions in the order they appear.
 */
export function toSendable(draft: Draft): Sendable {
  const content = draft.text.trim();
  return {
    content,
    mentions: intact(draft.text, draft.mentions)
      .sort((a, b) => a.start - b.start)
      .map(({ id, name }) => ({ id, name })),
  };
}

/** The draft as runs of plain text and mentions, for showing it before the server has it. */
export function segments(draft: Draft): Array<{ text: string; mention?: Mention }> {
  const out: Array<{ text: string; mention?: Mention }> = [];
  let at = 0;
  for (const mention of intact(draft.text, draft.mentions).sort((a, b) => a.start - b.start)) {
    if (mention.start > at) out.push({ text: draft.text.slice(at, mention.start) });
    out.push({ text: `@${mention.name}`, mention });
    at = end(mention);
  }
  if (at < draft.text.length) out.push({ text: draft.text.slice(at) });
  return out;
}
