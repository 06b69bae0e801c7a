/**
 * Chats and chat messages with the OData options Graph supports on them:
 * `/me/chats` takes `$expand=members,lastMessagePreview`, `$top` ≤ 50,
 * `$orderby=lastMessagePreview/createdDateTime desc` and `$filter=chatType eq '…'`;
 * messages come newest first, `$top` ≤ 50, `$filter` on lastModifiedDateTime (gt/lt) or
 * createdDateTime (lt only), each only with `$orderby` on the same property.
 */
import type { Context, Hono } from "hono";
import type { ChatRecord } from "../data/types";
import { requireScopes } from "./auth";
import { findChat, findChatMessage, timelineOf } from "./containers";
import { collection, odataContext, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { badRequest } from "./errors";
import { CHAT_MESSAGES } from "./scopes";
import { chatShape, memberShape, messageShape, previewShape } from "./shapes";
import { modifiedAt, sortKey, type MessageOrder } from "./writes/timeline";

const CHAT_BASIC = ["Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite"];
const CHAT_MEMBERS = ["ChatMember.Read", "ChatMember.ReadWrite", ...CHAT_BASIC];
/** `$expand=members` returns at most this many members per chat. */
const EXPANDED_MEMBERS = 25;

type C = Context<GraphEnv>;

function members(c: C, chat: ChatRecord, limit = Infinity) {
  const dataset = c.get("dataset");
  return chat.memberIds
    .slice(0, limit)
    .map((id) => dataset.users.get(id))
    .filter((user) => user !== undefined)
    .map((user) => memberShape(user, chat, chat.memberIds[0]));
}

export function registerChatRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const t = deps.throttler;

  app.get("/v1.0/me/chats", requireScopes(...CHAT_BASIC), t.middleware("other"), (c) => {
    const expand = (c.req.query("$expand") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = expand.filter((item) => item !== "members" && item !== "lastMessagePreview");
    if (unknown.length > 0)
      return badRequest(
        c,
        `Parsing OData Select and Expand failed: Could not find a property named '${unknown[0]}' on type 'microsoft.graph.chat'.`,
      );
    const orderby = c.req.query("$orderby");
    if (orderby !== undefined && orderby.replace(/\s+/g, " ").trim() !== "lastMessagePreview/createdDateTime desc") {
      return badRequest(
        c,
        `Query option '$orderby' value '${orderby}' is not supported. Only 'lastMessagePreview/createdDateTime desc' is supported.`,
      );
    }
    const timeline = timelineOf(c, deps);
    let chats = timeline.chatsOf(c.get("principal").user.id);
    const filter = c.req.query("$filter");
    if (filter !== undefined) {
      const match = /^chatType eq '(oneOnOne|group|meeting)'$/.exec(filter.trim());
      if (!match)
        return badRequest(
          c,
          `Invalid filter clause: '${filter}' is not supported by the emulator (only chatType eq '…').`,
        );
      chats = chats.filter((chat) => chat.chatType === match[1]);
    }
    const dataset = c.get("dataset");
    const cursor = (chat: ChatRecord) => `${timeline.lastMessageAt(chat)}|${chat.id}`;
    return collection(c, deps, "chats", chats, { defaultTop: 20, maxTop: 50, cursor }, (chat) => ({
      ...chatShape(chat, timeline.lastMessageAt(chat)),
      ...(expand.includes("members") ? { members: members(c, chat, EXPANDED_MEMBERS) } : {}),
      ...(expand.includes("lastMessagePreview")
        ? { lastMessagePreview: previewShape(dataset, timeline.newestMessage(chat)) }
        : {}),
    }));
  });

  app.get("/v1.0/chats/:chatId", requireScopes(...CHAT_BASIC), t.middleware("other"), (c) => {
    const chat = findChat(c);
    if (chat instanceof Response) return chat;
    return c.json({
      "@odata.context": odataContext(deps, "chats/$entity"),
      ...chatShape(chat, timelineOf(c, deps).lastMessageAt(chat)),
    });
  });

  app.get("/v1.0/chats/:chatId/members", requireScopes(...CHAT_MEMBERS), t.middleware("channels"), (c) => {
    const chat = findChat(c);
    if (chat instanceof Response) return chat;
    const value = members(c, chat);
    return c.json({
      "@odata.context": odataContext(deps, `chats('${chat.id}')/members`),
      "@odata.count": value.length,
      value,
    });
  });

  app.get("/v1.0/chats/:chatId/messages", requireScopes(...CHAT_MESSAGES), t.middleware("messages"), (c) => {
    const chat = findChat(c);
    if (chat instanceof Response) return chat;
    const orderby = c.req.query("$orderby");
    const order =
      orderby === undefined ? undefined : /^(lastModifiedDateTime|createdDateTime) desc$/.exec(orderby.trim());
    if (orderby !== undefined && !order) {
      return badRequest(c, `Query option '$orderby' value '${orderby}' is not supported.`);
    }
    const dataset = c.get("dataset");
    const by: MessageOrder = (order?.[1] as MessageOrder | undefined) ?? "lastModifiedDateTime";
    let messages = timelineOf(c, deps).chatMessages(chat, by);
    const filter = c.req.query("$filter");
    if (filter !== undefined) {
      // Graph: $filter only together with $orderby on the same property; createdDateTime
      // supports only `lt`, lastModifiedDateTime `gt` and `lt`.
      const match = /^(lastModifiedDateTime|createdDateTime) (gt|lt) (\S+)$/.exec(filter.trim());
      const at = match ? Date.parse(match[3]!) : NaN;
      if (!match || Number.isNaN(at)) return badRequest(c, `Invalid filter clause: '${filter}'.`);
      if (!order || order[1] !== match[1]) {
        return badRequest(
          c,
          `The $filter on '${match[1]}' must be used with $orderby on the same property ('${match[1]} desc').`,
        );
      }
      if (match[1] === "createdDateTime" && match[2] !== "lt") {
        return badRequest(c, `Operator '${match[2]}' is not supported on 'createdDateTime'; only 'lt' is.`);
      }
      const value = (m: (typeof messages)[number]) =>
        Date.parse(match[1] === "createdDateTime" ? m.createdDateTime : modifiedAt(m));
      messages = messages.filter((m) => (match[2] === "gt" ? value(m) > at : value(m) < at));
    }
    const sizes = { defaultTop: 20, maxTop: 50, cursor: (m: (typeof messages)[number]) => sortKey(m, by) };
    return collection(c, deps, `chats('${chat.id}')/messages`, messages, sizes, (m) =>
      messageShape(dataset, m, { chatId: chat.id }),
    );
  });

  app.get("/v1.0/chats/:chatId/messages/:messageId", requireScopes(...CHAT_MESSAGES), t.middleware("messages"), (c) => {
    const chat = findChat(c);
    if (chat instanceof Response) return chat;
    const dataset = c.get("dataset");
    const message = findChatMessage(c, deps, chat, c.req.param("messageId"));
    if (message instanceof Response) return message;
    return c.json({
      "@odata.context": odataContext(deps, `chats('${chat.id}')/messages/$entity`),
      ...messageShape(dataset, message, { chatId: chat.id }),
    });
  });
}
