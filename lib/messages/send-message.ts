import "server-only";
import { z } from "zod";
import { invalidateUserCache } from "@/lib/graph/cache";
import { graphConnectionFor } from "@/lib/graph/connection";
import { myGraphId } from "@/lib/graph/me";
import type { MessageTarget } from "@/lib/graph/message-target";
import { findPostedMessage, postMessage } from "@/lib/graph/post-message";
import type { MessageView } from "@/lib/graph/types";
import { forgetChanged, rememberSentMessage } from "@/lib/live/fetch-change";
import { topicOfChange, type ChangedMessage } from "@/lib/live/topics";
import { logger } from "@/lib/logger";
import { composeMessageHtml } from "./compose-html";
import { writeOnce } from "./idempotency";
import { asWriteError, assertWriteAllowed } from "./write-access";

export const sendBodySchema = z
  .object({
    content: z.string({ error: "content must be the message text." }),
    mentions: z
      .array(
        z
          .object({
            id: z.string().uuid("A mention needs the person's Microsoft id."),
            name: z.string().min(1).max(256),
          })
          .strict(),
      )
      .max(50, "At most 50 mentions in one message.")
      .default([]),
  })
  .strict();

export type SendBody = z.infer<typeof sendBodySchema>;

/**
 * Sends one message for the signed-in user, at most once per Idempotency-Key. The text
 * is composed into Graph's HTML here (never taken as HTML from the browser). Failures are
 * logged without content (privacy: sends are not audited per message).
 */
export async function sendMessage(
  userId: string,
  target: MessageTarget,
  body: SendBody,
  idempotencyKey: string,
): Promise<MessageView> {
  const composed = composeMessageHtml(body.content, body.mentions);
  const kind = target.kind === "chat" ? "chat" : "channel";
  await assertWriteAllowed(userId, kind);
  try {
    const sent = await writeOnce(
      userId,
      idempotencyKey,
      { target, ...body },
      {
        post: () => asWriteError(kind, () => postMessage(userId, target, composed)),
        find: async (since) =>
          findPostedMessage(userId, target, { html: composed.html, authorId: await myGraphId(userId), since }),
      },
    );
    // The conversation's cached pages (and the chat lists) predate the message: the next
    // read (a reload) shows it; the user's other cached reads stay warm. The message is
    // posted, so nothing here may turn that into a failure: were the narrow forget
    // impossible (the connection broke meanwhile), everything of the user goes.
    const change = changeOf(target, sent.id);
    await graphConnectionFor(userId)
      .then(async (connection) => {
        await forgetChanged(userId, connection, topicOfChange(change), change);
        // Its change notification shows this answer instead of reading the message again.
        rememberSentMessage(userId, connection, change, sent);
      })
      .catch(() => invalidateUserCache(userId));
    return sent;
  } catch (error) {
    logger.warn("send failed", { target: target.kind, code: (error as { code?: unknown })?.code });
    throw error;
  }
}

/** A reply changes its thread's replies; a new post or chat message only its conversation. */
function changeOf(target: MessageTarget, id: string): ChangedMessage {
  if (target.kind === "chat") return { kind: "chat", chatId: target.chatId, messageId: id };
  if (target.kind === "reply")
    return {
      kind: "channel",
      teamId: target.teamId,
      channelId: target.channelId,
      messageId: target.messageId,
      replyId: id,
    };
  return { kind: "channel", teamId: target.teamId, channelId: target.channelId, messageId: id };
}
