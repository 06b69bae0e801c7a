/**
 * Images Teams hosts in messages (chatmessagehostedcontent-get / -list): the list, one
 * item (`contentBytes` and `contentType` are always null there, as in Graph) and
 * `…/$value`, the bytes with their Content-Type. For chat messages, channel messages and
 * channel replies; each needs the read scope of its container.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { hostedBytes } from "../data/hosted-content";
import type { MessageRecord } from "../data/types";
import { requireScopes } from "./auth";
import { findChannelMessage, findChat, findChatMessage, findTeamChannel } from "./containers";
import { odataContext, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { notFound } from "./errors";
import { CHANNEL_MESSAGES, CHAT_MESSAGES } from "./scopes";

type C = Context<GraphEnv>;
type Lookup = (c: C) => { message: MessageRecord; fragment: string } | Response;
type Guards = readonly [MiddlewareHandler<GraphEnv>, MiddlewareHandler<GraphEnv>];

export function registerHostedContentRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const t = deps.throttler;

  const chat: Lookup = (c) => {
    const found = findChat(c);
    if (found instanceof Response) return found;
    const message = findChatMessage(c, deps, found, c.req.param("messageId")!);
    if (message instanceof Response) return message;
    return { message, fragment: `chats('${found.id}')/messages('${message.id}')/hostedContents` };
  };
  const channel =
    (reply: boolean): Lookup =>
    (c) => {
      const where = findTeamChannel(c);
      if (where instanceof Response) return where;
      const message = findChannelMessage(c, deps, where, reply ? c.req.param("replyId") : undefined);
      if (message instanceof Response) return message;
      const path = `teams('${where.team.id}')/channels('${where.channel.id}')/messages('${c.req.param("messageId")}')`;
      return { message, fragment: `${path}${reply ? `/replies('${message.id}')` : ""}/hostedContents` };
    };

  const register = (base: string, lookup: Lookup, guards: Guards) => {
    app.get(`${base}/hostedContents`, ...guards, (c) => {
      const found = lookup(c);
      if (found instanceof Response) return found;
      const value = (found.message.hostedContents ?? []).map((item) => ({
        id: item.id,
        contentBytes: null,
        contentType: null,
      }));
      return c.json({ "@odata.context": odataContext(deps, found.fragment), "@odata.count": value.length, value });
    });
    const item = (c: C) => {
      const found = lookup(c);
      if (found instanceof Response) return found;
      const content = found.message.hostedContents?.find((candidate) => candidate.id === c.req.param("hostedId"));
      return content ? { ...found, content } : notFound(c, "Hosted content not found.");
    };
    app.get(`${base}/hostedContents/:hostedId`, ...guards, (c) => {
      const found = item(c);
      if (found instanceof Response) return found;
      return c.json({
        "@odata.context": odataContext(deps, `${found.fragment}/$entity`),
        id: found.content.id,
        contentBytes: null,
        contentType: null,
      });
    });
    app.get(`${base}/hostedContents/:hostedId/$value`, ...guards, (c) => {
      const found = item(c);
      if (found instanceof Response) return found;
      const bytes = hostedBytes(found.content);
      return c.body(new Uint8Array(bytes), 200, { "content-type": found.content.contentType });
    });
  };

  const channelGuards = [requireScopes(...CHANNEL_MESSAGES), t.middleware("messages", "channelId")] as const;
  register("/v1.0/chats/:chatId/messages/:messageId", chat, [
    requireScopes(...CHAT_MESSAGES),
    t.middleware("messages"),
  ] as const);
  register("/v1.0/teams/:teamId/channels/:channelId/messages/:messageId", channel(false), channelGuards);
  register(
    "/v1.0/teams/:teamId/channels/:channelId/messages/:messageId/replies/:replyId",
    channel(true),
    channelGuards,
  );
}
