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
import { collection, odataContext, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { badRequest, forbidden, notFound } from "./errors";
import { chatShape, memberShape, messageShape, previewShape } from "./shapes";

const CHAT_BASIC = ["Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite"];
const CHAT_MEMBERS = ["ChatMember.Read", "ChatMember.ReadWrite", ...CHAT_BASIC];
const CHAT_MESSAGES = ["Chat.Read", "Chat.ReadWrite", "ChatMessage.Read"];
/** `$expand=members` returns at most this many members per chat. */
const EXPANDED_MEMBERS = 25;

type C = Context<GraphEnv>;

function findChat(c: C): ChatRecord | Response {
  const id = c.req.param("chatId")!;
  const chat = c.get("dataset").chats.get(id);
  const { user } = c.get("principal");
  if (!chat || chat.tenantId !== user.tenantId) return notFound(c, `Chat ${id} not found.`);
  if (!chat.memberIds.includes(user.id)) return forbidden(c, "Forbidden: the user is not a member of this chat.");
  return chat;
}

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
    let chats = c.get("dataset").chatsOf(c.get("principal").user.id);
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
    return collection(c, deps, "chats", chats, { defaultTop: 20, maxTop: 50 }, (chat) => ({
      ...chatShape(chat),
      ...(expand.includes("members") ? { members: members(c, chat, EXPANDED_MEMBERS) } : {}),
      ...(expand.includes("lastMessagePreview") ? { lastMessagePreview: previewShape(dataset, chat) } : {}),
    }));
  });

  app.get("/v1.0/chats/:chatId", requireScopes(...CHAT_BASIC), t.middleware("other"), (c) => {
    const chat = findChat(c);
    if (chat instanceof Response) return chat;
    return c.json({ "@odata.context": odataContext(deps, "chats/$entity"), ...chatShape(chat) });
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
    let messages = dataset.chatMessages(chat);
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
      messages = messages.filter((m) =>
        match[2] === "gt" ? Date.parse(m.createdDateTime) > at : Date.parse(m.createdDateTime) < at,
      );
    }
    return collection(c, deps, `chats('${chat.id}')/messages`, messages, { defaultTop: 20, maxTop: 50 }, (m) =>
      messageShape(dataset, m, { chatId: chat.id }),
    );
  });

  app.get("/v1.0/chats/:chatId/messages/:messageId", requireScopes(...CHAT_MESSAGES), t.middleware("messages"), (c) => {
    const chat = findChat(c);
    if (chat instanceof Response) return chat;
    const dataset = c.get("dataset");
    const message = dataset.chatMessages(chat).find((m) => m.id === c.req.param("messageId"));
    if (!message) return notFound(c, "Message not found.");
    return c.json({
      "@odata.context": odataContext(deps, `chats('${chat.id}')/messages/$entity`),
      ...messageShape(dataset, message, { chatId: chat.id }),
    });
  });
}
