/**
 * `POST …/setReaction` and `…/unsetReaction` on chat messages, channel messages and
 * channel replies (chatmessage-setreaction / -unsetreaction): body `{ reactionType }`, a
 * Unicode emoji or one of the legacy names; 204 No Content. Reads then carry the reaction
 * (with the reacting user's displayName null, as Graph returns it) and a later
 * lastModifiedDateTime. Unsetting a reaction the user doesn't have changes nothing and is
 * still a 204.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { MessageRecord } from "../../data/types";
import { requireScopes } from "../auth";
import { findChannelMessage, findChat, findChatMessage, findWritableChannel } from "../containers";
import type { GraphDeps } from "../deps";
import type { GraphEnv } from "../env";
import { badRequest } from "../errors";
import { CHANNEL_REACT, CHAT_REACT } from "../scopes";
import { channelKey, chatKey, repliesKey, type ContainerKey } from "./overlay";

type C = Context<GraphEnv>;

/** Teams' names for its reactions (the legacy names and their emoji, and a few common ones). */
const NAMES: Record<string, string> = {
  like: "Like",
  heart: "Heart",
  laugh: "Laugh",
  surprised: "Surprised",
  sad: "Sad",
  angry: "Angry",
  "👍": "Like",
  "❤️": "Heart",
  "😆": "Laugh",
  "😮": "Surprised",
  "😢": "Sad",
  "😠": "Angry",
  "💯": "Hundred points",
  "💘": "Heart with arrow",
  "🎉": "Party popper",
  "👀": "Eyes",
  "🙏": "Folded hands",
  "🔥": "Fire",
  "😂": "Face with tears of joy",
};
const LEGACY = new Set(["like", "heart", "laugh", "surprised", "sad", "angry"]);
// One emoji: pictographs with their variation selectors, skin tones and ZWJ sequences.
const EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:[\u{FE0F}\u{1F3FB}-\u{1F3FF}\u200D]|\p{Extended_Pictographic}|\p{Regional_Indicator})*$/u;

const body = z.object({ reactionType: z.string().trim().min(1) });

type Found = { container: ContainerKey; message: MessageRecord } | Response;

type Action = "setReaction" | "unsetReaction";

async function react(c: C, deps: GraphDeps, action: Action, found: Found): Promise<Response> {
  if (found instanceof Response) return found;
  const parsed = body.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) return badRequest(c, "The reactionType is required.");
  const reactionType = parsed.data.reactionType;
  if (!LEGACY.has(reactionType) && !EMOJI.test(reactionType))
    return badRequest(c, `The reactionType '${reactionType}' is not a supported reaction.`);
  const userId = c.get("principal").user.id;
  if (action === "setReaction") {
    deps.overlay.setReaction(found.container, found.message.id, {
      reactionType,
      displayName: NAMES[reactionType] ?? null,
      userId,
      createdDateTime: new Date().toISOString(),
    });
  } else {
    deps.overlay.unsetReaction(found.container, found.message.id, userId, reactionType);
  }
  return c.body(null, 204);
}

export function registerReactionRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const t = deps.throttler;
  const channel = "/v1.0/teams/:teamId/channels/:channelId/messages/:messageId";

  for (const action of ["setReaction", "unsetReaction"] as const) {
    app.post(
      `/v1.0/chats/:chatId/messages/:messageId/${action}`,
      requireScopes(...CHAT_REACT),
      t.middleware("other"),
      (c) => {
        const chat = findChat(c);
        if (chat instanceof Response) return chat;
        const message = findChatMessage(c, deps, chat, c.req.param("messageId"));
        return react(c, deps, action, message instanceof Response ? message : { container: chatKey(chat.id), message });
      },
    );

    app.post(`${channel}/${action}`, requireScopes(...CHANNEL_REACT), t.middleware("other", "channelId"), (c) => {
      const where = findWritableChannel(c);
      if (where instanceof Response) return where;
      const message = findChannelMessage(c, deps, where);
      const found = message instanceof Response ? message : { container: channelKey(where.channel.id), message };
      return react(c, deps, action, found);
    });

    app.post(
      `${channel}/replies/:replyId/${action}`,
      requireScopes(...CHANNEL_REACT),
      t.middleware("other", "channelId"),
      (c) => {
        const where = findWritableChannel(c);
        if (where instanceof Response) return where;
        const reply = findChannelMessage(c, deps, where, c.req.param("replyId"));
        if (reply instanceof Response) return reply;
        const container = repliesKey(where.channel.id, c.req.param("messageId"));
        return react(c, deps, action, { container, message: reply });
      },
    );
  }
}
