import "server-only";
import { z } from "zod";
import { invalidateUserCache } from "@/lib/graph/cache";
import { myGraphId } from "@/lib/graph/me";
import type { MessageTarget } from "@/lib/graph/message-target";
import { findPostedMessage, postMessage } from "@/lib/graph/post-message";
import type { MessageView } from "@/lib/graph/types";
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
    // The user's cached pages predate the message: the next read (a reload) shows it.
    await invalidateUserCache(userId);
    return sent;
  } catch (error) {
    logger.warn("send failed", { target: target.kind, code: (error as { code?: unknown })?.code });
    throw error;
  }
}
