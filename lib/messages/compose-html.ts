import type { ChatMessageMention, TeamworkUserIdentity } from "@microsoft/microsoft-graph-types";
import { escapeUTF8 } from "entities";
import { AppError } from "@/lib/errors";

/** Someone the author picked in the composer: their Entra id and the name shown after `@`. */
export interface MentionInput {
  id: string;
  name: string;
}

export interface ComposedMessage {
  /** Graph `body.content` (contentType html). */
  html: string;
  /** Graph `mentions[]`: entry N belongs to the `<at id="N">` tag. */
  mentions: ChatMessageMention[];
}

function teamworkUser(person: MentionInput): TeamworkUserIdentity {
  return { id: person.id, displayName: person.name, userIdentityType: "aadUser" };
}

/** Graph refuses a message body over about 28 KB (learn.microsoft.com: chatMessage size limit). */
export const MAX_BODY_BYTES = 28 * 1024;
export const MAX_CONTENT_CHARS = 28_000;

// http(s) only: `javascript:`, `data:` and the like stay text. Trailing punctuation is
// the sentence's, not the link's ("see https://x.example/a.").
const LINK = /https?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

function escapeText(text: string): string {
  return escapeUTF8(text).replace(/\r\n?|\n/g, "<br>");
}

/** Plain text → HTML: everything escaped, line breaks kept, http(s) URLs linked. */
function textToHtml(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const url = match[0].replace(TRAILING, "");
    const start = match.index;
    out += escapeText(text.slice(last, start));
    const href = escapeUTF8(url);
    out += `<a href="${href}" rel="noopener noreferrer">${href}</a>`;
    last = start + url.length;
  }
  return out + escapeText(text.slice(last));
}

/**
 * The Graph body of a message typed in the composer. The text is plain: nothing the
 * user types becomes markup, except what the composer produced deliberately: each
 * picked person (in order, the next `@Name` in the text) becomes an `<at id="N">` tag
 * paired with `mentions[N]` (Graph notifies nobody, or refuses the post, when the two
 * don't match), URLs become links, line breaks `<br>`.
 * Written by hand: no library builds Teams' `<at>` pairing.
 */
export function composeMessageHtml(content: string, picked: MentionInput[] = []): ComposedMessage {
  if (content.trim() === "") throw new AppError("invalid_input", "Write a message before sending.");
  if (content.length > MAX_CONTENT_CHARS)
    throw new AppError("content_too_long", `The message is too long: at most ${MAX_CONTENT_CHARS} characters.`);
  let html = "";
  let cursor = 0;
  const mentions: ChatMessageMention[] = [];
  picked.forEach((person, id) => {
    const tag = `@${person.name}`;
    const at = content.indexOf(tag, cursor);
    if (at < 0)
      throw new AppError(
        "invalid_input",
        `The mention of ${person.name} is not in the text any more. Pick them again.`,
      );
    html += `${textToHtml(content.slice(cursor, at))}<at id="${id}">${escapeUTF8(person.name)}</at>`;
    mentions.push({
      id,
      mentionText: person.name,
      // Graph's mention identity is a teamworkUserIdentity; the SDK types it as its base.
      mentioned: { user: teamworkUser(person) },
    });
    cursor = at + tag.length;
  });
  html += textToHtml(content.slice(cursor));
  const bytes = Buffer.byteLength(html, "utf8");
  if (bytes > MAX_BODY_BYTES)
    throw new AppError(
      "content_too_long",
      `The message is too long for Microsoft Teams (${Math.ceil(bytes / 1024)} KB; the limit is 28 KB).`,
    );
  return { html, mentions };
}
