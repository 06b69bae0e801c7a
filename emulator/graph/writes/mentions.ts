/**
 * Pairing `<at id="N">text</at>` markers in the body with `mentions[]` entries, as Graph
 * checks it when a message is posted. Graph's own rule (a `mentions[]` entry whose id has
 * no marker with exactly its `mentionText` is a 400) is always applied, with Graph's
 * message. Strict mode (the default, see GraphSettings.mentionChecks) also refuses what
 * Graph lets through silently: a marker without an entry, an unknown user, a repeated id.
 */
import { decodeHTML } from "entities";
import type { Dataset } from "../../data/dataset";
import type { TenantUser } from "../../data/types";

export interface MentionInput {
  id: number;
  mentionText: string;
  mentioned: { user?: { id: string; displayName?: string | null } | null };
}

export interface StoredMention {
  id: number;
  userId: string;
  text: string;
}

export type MentionResult = { ok: true; html: string; mentions: StoredMention[] } | { ok: false; message: string };

const MARKER = /<at\s+id\s*=\s*"(\d+)"\s*>([\s\S]*?)<\/at>/gi;

const markerText = (inner: string) => decodeHTML(inner.replace(/<[^>]*>/g, "")).trim();

/** Graph's 400 message (2022 onwards) for an entry with no matching marker. */
export const noMarkerMessage = (id: number, text: string) =>
  `Neither Body nor adaptive card content contains marker for mention with Id '${id}'. Add '<at id="${id}">${text}</at>' to the body or an adaptive card.`;

export function checkMentions(input: {
  html: string;
  contentType: "html" | "text";
  mentions: MentionInput[];
  dataset: Dataset;
  author: TenantUser;
  strict: boolean;
}): MentionResult {
  const { mentions, strict } = input;
  // A text body has no markup: every entry lacks its marker.
  const markers = new Map<number, string[]>();
  if (input.contentType === "html") {
    for (const match of input.html.matchAll(MARKER)) {
      const id = Number(match[1]);
      markers.set(id, [...(markers.get(id) ?? []), markerText(match[2]!)]);
    }
  }
  const seen = new Set<number>();
  for (const mention of mentions) {
    if (!markers.get(mention.id)?.includes(mention.mentionText.trim()))
      return { ok: false, message: noMarkerMessage(mention.id, mention.mentionText) };
    if (strict && seen.has(mention.id))
      return { ok: false, message: `Mention ids must be unique: '${mention.id}' appears twice in mentions.` };
    seen.add(mention.id);
    const userId = mention.mentioned.user?.id;
    if (!userId) return { ok: false, message: "Invalid request body was sent." };
    const user = input.dataset.users.get(userId);
    if (strict && (!user || user.tenantId !== input.author.tenantId))
      return { ok: false, message: `Mentioned user '${userId}' was not found in the tenant.` };
  }
  let html = input.html;
  for (const id of markers.keys()) {
    if (seen.has(id)) continue;
    if (strict)
      return {
        ok: false,
        message: `Body contains marker for mention with Id '${id}' but mentions has no entry with that id.`,
      };
    // Graph posts it, with the marker reduced to its text and nobody notified.
    html = html.replace(new RegExp(`<at\\s+id\\s*=\\s*"${id}"\\s*>([\\s\\S]*?)<\\/at>`, "gi"), "$1");
  }
  return {
    ok: true,
    html,
    mentions: mentions.map((m) => ({ id: m.id, userId: m.mentioned.user!.id, text: m.mentionText })),
  };
}
