/**
 * Messages are generated on demand from the container's id, not stored: a 5,000-chat
 * benchmark dataset costs nothing until a chat is read, and the output is identical
 * on every run. Returned newest first, like Graph's default order.
 */
import { FILE_NAMES, SENTENCES } from "./people";
import { Rng, uuidFrom } from "./prng";
import type { MessageRecord, TenantUser } from "./types";

const MINUTE = 60_000;

export interface MessageSource {
  /** Chat or channel id (or `channel id + parent id` for replies). */
  key: string;
  count: number;
  /** Time of the newest message. */
  newestAt: number;
  /** Possible senders (and mention targets). */
  members: TenantUser[];
  /** Channel messages may have replies; chat messages never do. */
  withReplies: boolean;
  /** Channel top-level messages have subjects now and then. */
  withSubjects: boolean;
  replyToId?: string;
}

export function generateMessages(source: MessageSource): MessageRecord[] {
  const rng = new Rng(`messages:${source.key}`);
  const messages: MessageRecord[] = [];
  let at = source.newestAt;
  for (let i = 0; i < source.count; i++) {
    const from = rng.pick(source.members);
    const record: MessageRecord = {
      id: String(at),
      replyToId: source.replyToId ?? null,
      fromId: from.id,
      createdDateTime: new Date(at).toISOString(),
      subject: source.withSubjects && rng.chance(0.3) ? rng.pick(SENTENCES).replace(/[?.!]$/, "") : null,
      html: "",
      mentions: [],
      attachments: [],
      replyCount: source.withReplies && rng.chance(0.3) ? rng.int(1, 3) : 0,
    };
    const parts = [`<p>${escapeHtml(rng.pick(SENTENCES))}</p>`];
    const others = source.members.filter((member) => member.id !== from.id);
    if (others.length > 0 && rng.chance(0.2)) {
      const target = rng.pick(others);
      record.mentions.push({ id: 0, userId: target.id, text: target.displayName });
      parts.unshift(`<p><at id="0">${escapeHtml(target.displayName)}</at> ${escapeHtml(rng.pick(SENTENCES))}</p>`);
    }
    if (rng.chance(0.1)) {
      const name = rng.pick(FILE_NAMES);
      const id = uuidFrom(`${source.key}:${record.id}:file`);
      record.attachments.push({
        id,
        name,
        contentUrl: `https://contoso.sharepoint.com/sites/shared/Documents/${encodeURIComponent(name)}`,
      });
      parts.push(`<attachment id="${id}"></attachment>`);
    }
    record.html = parts.join("");
    messages.push(record);
    at -= rng.int(1, 90) * MINUTE;
  }
  return messages;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
