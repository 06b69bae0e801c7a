import type { MessageView } from "@/lib/graph/types";

const newestFirst = (a: MessageView, b: MessageView) => b.createdAt.localeCompare(a.createdAt);

/**
 * A freshly read newest page merged into what the page shows. The read may be older than
 * what arrived while it was under way (a live message or reply, one just sent): Graph's
 * answer and the live event race, and either can land first. So a message or reply put
 * in place after the read started (`newer(id)`) stays as it is, a reply the read does
 * not have yet is kept in its thread, and messages beyond the page stay too.
 */
export function mergeNewestPage(
  current: MessageView[],
  page: MessageView[],
  newer: (id: string) => boolean,
): MessageView[] {
  const known = new Map(current.map((message) => [message.id, message]));
  const merged = page.map((fresh) => {
    const shown = known.get(fresh.id);
    if (!shown) return fresh;
    if (newer(fresh.id)) return shown;
    return { ...fresh, replies: mergeReplies(fresh.replies, shown.replies, newer) };
  });
  const inPage = new Set(page.map((message) => message.id));
  return [...merged, ...current.filter((message) => !inPage.has(message.id))].sort(newestFirst);
}

function mergeReplies(
  fresh: MessageView[] | null,
  shown: MessageView[] | null,
  newer: (id: string) => boolean,
): MessageView[] | null {
  if (!fresh || !shown) return fresh ?? shown;
  const kept = new Map(shown.filter((reply) => newer(reply.id)).map((reply) => [reply.id, reply]));
  const freshIds = new Set(fresh.map((reply) => reply.id));
  return [...fresh.map((reply) => kept.get(reply.id) ?? reply), ...shown.filter((reply) => !freshIds.has(reply.id))];
}
