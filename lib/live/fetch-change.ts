import "server-only";
import type { ChatMessage } from "@microsoft/microsoft-graph-types";
import { graphConnectionFor, type GraphConnection } from "@/lib/graph/connection";
import { chatListEndpoints } from "@/lib/graph/chats";
import { graphPath } from "@/lib/graph/ids";
import { myGraphId } from "@/lib/graph/me";
import { channelMessagesEndpoint, chatMessagesEndpoint, repliesEndpoint } from "@/lib/graph/messages";
import { cachedGraph, forgetGraph, primeGraph } from "@/lib/graph/read";
import { graphRequest } from "@/lib/graph/request";
import { reshapeMessage } from "@/lib/graph/reshape";
import type { MessageView } from "@/lib/graph/types";
import { parseTopicKey, type ChangedMessage, type MessageTopic } from "./topics";

/** The changed message's own address on Graph (a reply's under its thread). */
const messageEndpoint = (change: ChangedMessage) =>
  change.kind === "chat"
    ? graphPath`/v1.0/chats/${change.chatId}/messages/${change.messageId}`
    : change.replyId
      ? graphPath`/v1.0/teams/${change.teamId}/channels/${change.channelId}/messages/${change.messageId}/replies/${change.replyId}`
      : graphPath`/v1.0/teams/${change.teamId}/channels/${change.channelId}/messages/${change.messageId}`;

const sentKey = (change: ChangedMessage) => `sent:${messageEndpoint(change)}`;

/**
 * The changed message as the page shows it, read through the Nango proxy. A message this
 * user just posted through the app (`rememberSentMessage`) is what Graph's answer to the
 * POST said: its `created` notification costs no Graph read. An edit (`updated`) is read.
 */
export async function fetchChangedMessage(
  userId: string,
  connection: GraphConnection,
  change: ChangedMessage,
  event: string,
): Promise<MessageView> {
  if (event === "created") {
    const sent = await cachedGraph<MessageView>(userId, connection, sentKey(change));
    if (sent) return sent;
  }
  const [{ data }, selfId] = await Promise.all([
    graphRequest<ChatMessage>(connection, { endpoint: messageEndpoint(change) }),
    myGraphId(userId).catch(() => null),
  ]);
  return reshapeMessage(data, { selfId });
}

/** What the send route got back from Graph for a message it posted, for its notification. */
export function rememberSentMessage(
  userId: string,
  connection: GraphConnection,
  change: ChangedMessage,
  message: MessageView,
): void {
  primeGraph(userId, connection, sentKey(change), message);
}

/**
 * Forgets the cached reads a change makes stale (the conversation's newest page, a
 * thread's replies, the chat lists), so the next page view reads Graph even if this
 * instance stops before the event reaches a browser.
 */
export function forgetChanged(
  userId: string,
  connection: GraphConnection,
  topic: MessageTopic,
  change?: ChangedMessage,
): Promise<void> {
  const keys =
    topic.kind === "chat"
      ? [chatMessagesEndpoint(topic.chatId), ...chatListEndpoints()]
      : [
          channelMessagesEndpoint(topic.teamId, topic.channelId),
          ...(change?.kind === "channel" ? [repliesEndpoint(topic.teamId, topic.channelId, change.messageId)] : []),
        ];
  return forgetGraph(userId, connection, keys);
}

/** `forgetChanged` for a topic key as events carry it (the dashboard's is not a conversation). */
export async function forgetTopic(userId: string, key: string): Promise<void> {
  const topic = parseTopicKey(key);
  if (!topic || topic.kind === "dashboard") return;
  await forgetChanged(userId, await graphConnectionFor(userId), topic);
}
