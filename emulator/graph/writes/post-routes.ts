/**
 * Sending messages, as chat-post-messages / chatmessage-post document it: `POST
 * /chats/{id}/messages`, `POST /teams/{t}/channels/{c}/messages` (with an optional
 * `subject`) and `POST …/messages/{id}/replies`. 201 with the full chatMessage. Only
 * members may post (403), unknown ids are 404, the body is checked like Graph does
 * (message-input.ts), and each post passes the write throttle and any queued write fault.
 */
import type { Context, Hono } from "hono";
import type { MessagePlace } from "../../data/hosted-content";
import { requireScopes } from "../auth";
import { findChannelMessage, findChat, findWritableChannel } from "../containers";
import { odataContext, type GraphDeps } from "../deps";
import type { GraphEnv } from "../env";
import { graphError } from "../errors";
import { CHANNEL_SEND, CHAT_SEND } from "../scopes";
import { messageShape } from "../shapes";
import { createMessage } from "./create";
import { failBeforeAccept, hangThen } from "./faults";
import { parseMessageInput } from "./message-input";

type C = Context<GraphEnv>;

async function post(c: C, deps: GraphDeps, place: MessagePlace, fragment: string): Promise<Response> {
  const dataset = c.get("dataset");
  const { user } = c.get("principal");
  const raw: unknown = await c.req.json().catch(() => undefined);
  const input = parseMessageInput(raw, {
    dataset,
    author: user,
    strictMentions: deps.settings.mentionChecks === "strict",
  });
  if (!input.ok) return graphError(c, input.status, input.code, input.message);
  const fault = deps.writeFaults.take();
  if (fault?.kind === "failBeforeAccept") return failBeforeAccept(c, fault.status);
  const message = createMessage(deps.overlay, place, user.id, input.value, { via: "api" });
  const where = "chatId" in place ? { chatId: place.chatId } : { teamId: place.teamId, channelId: place.channelId };
  const respond = () =>
    c.json(
      { "@odata.context": odataContext(deps, `${fragment}/$entity`), ...messageShape(dataset, message, where) },
      201,
    );
  // Accepted and stored, but the answer comes too late for the client.
  return fault?.kind === "acceptThenHang" ? hangThen(fault.ms, respond) : respond();
}

export function registerPostRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const t = deps.throttler;
  const channelBase = "/v1.0/teams/:teamId/channels/:channelId/messages";

  app.post("/v1.0/chats/:chatId/messages", requireScopes(...CHAT_SEND), t.writeMiddleware("chat"), (c) => {
    const chat = findChat(c);
    if (chat instanceof Response) return chat;
    return post(c, deps, { chatId: chat.id }, `chats('${chat.id}')/messages`);
  });

  app.post(channelBase, requireScopes(...CHANNEL_SEND), t.writeMiddleware("channel"), (c) => {
    const found = findWritableChannel(c);
    if (found instanceof Response) return found;
    const { team, channel } = found;
    const place = { teamId: team.id, channelId: channel.id };
    return post(c, deps, place, `teams('${team.id}')/channels('${channel.id}')/messages`);
  });

  app.post(`${channelBase}/:messageId/replies`, requireScopes(...CHANNEL_SEND), t.writeMiddleware("channel"), (c) => {
    const found = findWritableChannel(c);
    if (found instanceof Response) return found;
    const parent = findChannelMessage(c, deps, found);
    if (parent instanceof Response) return parent;
    const { team, channel } = found;
    const place = { teamId: team.id, channelId: channel.id, replyToId: parent.id };
    return post(c, deps, place, `teams('${team.id}')/channels('${channel.id}')/messages('${parent.id}')/replies`);
  });
}
