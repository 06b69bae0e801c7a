import "server-only";
import type { ChatMessage, ChatMessageMention } from "@microsoft/microsoft-graph-types";
import { decodeHTML } from "entities";
import { graphConnectionFor } from "./connection";
import { messagesCollection, type MessageTarget } from "./message-target";
import { graphRequest } from "./request";
import { reshapeMessage } from "./reshape";
import type { MessageView } from "./types";

export interface OutgoingMessage {
  html: string;
  mentions: ChatMessageMention[];
}

/**
 * Posts one message. Never retried past a 429 (`write`): a timeout or a 5xx ends in
 * `send_unconfirmed`, and the caller checks with findPostedMessage before posting again.
 */
export async function postMessage(
  userId: string,
  target: MessageTarget,
  message: OutgoingMessage,
): Promise<MessageView> {
  const connection = await graphConnectionFor(userId);
  const { data } = await graphRequest<ChatMessage>(
    connection,
    {
      method: "POST",
      endpoint: messagesCollection(target),
      data: { body: { contentType: "html", content: message.html }, mentions: message.mentions },
    },
    { write: true },
  );
  return reshapeMessage(data, { selfId: data.from?.user?.id ?? null });
}

/** Text of a message body for comparison: Graph may re-serialise the HTML it stores. */
function bodyText(html: string | null | undefined): string {
  return decodeHTML((html ?? "").replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** How far back (before the attempt) a matching message still counts: clocks differ. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * After an unconfirmed post: the message if Microsoft did accept it (the newest messages
 * of the target, by this author, with this text, since the attempt), else null.
 */
export async function findPostedMessage(
  userId: string,
  target: MessageTarget,
  sent: { html: string; authorId: string | null; since: Date },
): Promise<MessageView | null> {
  const connection = await graphConnectionFor(userId);
  const { data } = await graphRequest<{ value?: ChatMessage[] }>(connection, {
    endpoint: `${messagesCollection(target)}?$top=20`,
  });
  const text = bodyText(sent.html);
  const after = sent.since.getTime() - CLOCK_SKEW_MS;
  const found = (data.value ?? []).find(
    (message) =>
      (!sent.authorId || message.from?.user?.id === sent.authorId) &&
      Date.parse(message.createdDateTime ?? "") >= after &&
      bodyText(message.body?.content) === text,
  );
  return found ? reshapeMessage(found, { selfId: sent.authorId }) : null;
}
