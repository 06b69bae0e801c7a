/**
 * Which resources a delegated (per-user, through Nango) token may subscribe to, and what
 * each needs, from Microsoft's docs:
 * - learn.microsoft.com/graph/teams-changenotifications-chatmessage: `/chats/{id}/messages`
 *   (delegated Chat.Read), `/teams/{id}/channels/{id}/messages` (delegated
 *   ChannelMessage.Read.All); `/chats/getAllMessages` and `/teams/getAllMessages` are
 *   application-only; `/users/{id}/chats/getAllMessages` is not supported delegated either
 *   (microsoft-graph-docs-contrib PR #8744).
 * - learn.microsoft.com/graph/teams-changenotifications-chat: `/chats/{id}` delegated
 *   (Chat.ReadBasic, Chat.Read, Chat.ReadWrite); tenant-wide `/chats` application-only.
 * - learn.microsoft.com/graph/changenotifications-for-presence: `communications/presences/{id}`
 *   and `communications/presences?$filter=id in ('…')` (at most 650 ids), delegated
 *   Presence.Read.All only, changeType `updated` only, at most one hour.
 * - Maximum lifetimes: the subscription resource's table (Teams chat, chatMessage: 4,320
 *   minutes; presence: 60 minutes).
 * The message routes also accept ChatMessage.Read for chat messages, as the read routes do.
 */
import type { Dataset } from "../../data/dataset";
import type { Principal } from "../env";
import { CHAT_MESSAGES } from "../scopes";

export type Target =
  | { kind: "chatMessages"; chatId: string }
  | { kind: "chat"; chatId: string }
  | { kind: "channelMessages"; teamId: string; channelId: string }
  | { kind: "presence"; userIds: string[] };

export interface ResourceRule {
  target: Target;
  /** Delegated scopes that allow the subscription (any one). */
  scopes: string[];
  maxMinutes: number;
  changeTypes: ChangeType[];
  /** Subscriptions with the same key count against one quota. */
  key: string;
}

export type ChangeType = "created" | "updated" | "deleted";
export const CHANGE_TYPES: ChangeType[] = ["created", "updated", "deleted"];

export interface Refusal {
  status: 400 | 403 | 404;
  code: string;
  message: string;
}

const CHAT = ["Chat.ReadBasic", "Chat.Read", "Chat.ReadWrite"];
const CHANNEL_MESSAGES = ["ChannelMessage.Read.All"];
const PRESENCE = ["Presence.Read.All"];
const TEAMS_MAX_MINUTES = 4320;
const PRESENCE_MAX_MINUTES = 60;
const MAX_PRESENCE_IDS = 650;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tenant-wide (or per-user "all chats") resources Graph serves only to application tokens. */
const APP_ONLY: RegExp[] = [
  /^chats$/i,
  /^chats\/getAll(Messages|Members)$/i,
  /^teams$/i,
  /^teams\/getAll(Messages|Channels)$/i,
  /^teams\/getAllChannels\/getAllMembers$/i,
  /^(users\/[^/]+|me)\/chats\/getAllMessages$/i,
  /^appCatalogs\/teamsApps\/[^/]+\/installedToChats(\/getAll(Messages|Members))?$/i,
];

export const extensionError = (status: 403 | 404, reason: string): Refusal => ({
  status,
  code: "ExtensionError",
  message: `Operation: Create; Exception: [Status Code: ${status === 403 ? "Forbidden" : "NotFound"}; Reason: ${reason}]`,
});

const unsupported = (resource: string): Refusal => ({
  status: 400,
  code: "InvalidRequest",
  message: `The resource '${resource}' is not supported for change notifications.`,
});

/** `chats/{id}/messages`, `/chats('{id}')/messages`, percent-encoded or not: the path's segments. */
function segmentsOf(path: string): string[] | null {
  try {
    return path
      .replace(/^\/+/, "")
      .replace(/\/+$/, "")
      .replace(/\('([^']*)'\)/g, (_, key: string) => `/${encodeURIComponent(key)}`)
      .split("/")
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

export function parseResource(resource: string, principal: Principal, dataset: Dataset): ResourceRule | Refusal {
  const [path = "", query = ""] = resource.split(/\?(.*)/s, 2);
  const segments = segmentsOf(path);
  if (!segments || segments.some((s) => s === "")) return unsupported(resource);
  const normalized = segments.join("/");
  if (APP_ONLY.some((pattern) => pattern.test(normalized)))
    return extensionError(
      403,
      `The resource '${resource}' is available only with application permissions; delegated (user) tokens can't subscribe to it.`,
    );
  const user = principal.user;
  const [, second, third, fourth] = segments;
  const lower = segments.map((s) => s.toLowerCase());

  if (lower[0] === "communications" && lower[1] === "presences") {
    const denied = need(principal, PRESENCE, "presence");
    if (denied) return denied;
    const ids = segments.length === 3 ? [third!] : segments.length === 2 ? presenceFilterIds(query) : null;
    if (!ids) return unsupported(resource);
    if (ids.length === 0 || ids.length > MAX_PRESENCE_IDS)
      return {
        status: 400,
        code: "InvalidRequest",
        message: `Between 1 and ${MAX_PRESENCE_IDS} user ids are allowed.`,
      };
    const unknown = ids.find((id) => !GUID.test(id) || dataset.users.get(id)?.tenantId !== user.tenantId);
    if (unknown !== undefined)
      return { status: 400, code: "InvalidRequest", message: `Invalid user id '${unknown}' in resource.` };
    return {
      target: { kind: "presence", userIds: [...new Set(ids.map((id) => id.toLowerCase()))] },
      scopes: PRESENCE,
      maxMinutes: PRESENCE_MAX_MINUTES,
      changeTypes: ["updated"],
      // "A single user can create one presence subscription per unique application."
      key: `presence|${user.id}`,
    };
  }
  // Query options ($search, mention $filter) exist on Graph; the emulator doesn't filter by them.
  if (query) return unsupported(resource);

  if (lower[0] === "chats" && segments.length <= 3 && (segments.length === 2 || lower[2] === "messages")) {
    const scopes = segments.length === 3 ? CHAT_MESSAGES : CHAT;
    const denied = need(principal, scopes, segments.length === 3 ? "chat messages" : "chat");
    if (denied) return denied;
    const chat = dataset.chats.get(second!);
    if (!chat || chat.tenantId !== user.tenantId) return extensionError(404, `Chat '${second}' was not found.`);
    if (!chat.memberIds.includes(user.id))
      return extensionError(403, `The user is not a member of the chat '${second}'.`);
    return segments.length === 3
      ? {
          target: { kind: "chatMessages", chatId: chat.id },
          scopes: CHAT_MESSAGES,
          maxMinutes: TEAMS_MAX_MINUTES,
          changeTypes: CHANGE_TYPES,
          key: `chatMessages|${chat.id}`,
        }
      : {
          target: { kind: "chat", chatId: chat.id },
          scopes: CHAT,
          maxMinutes: TEAMS_MAX_MINUTES,
          changeTypes: CHANGE_TYPES,
          key: `chat|${chat.id}`,
        };
  }

  if (segments.length === 5 && lower[0] === "teams" && lower[2] === "channels" && lower[4] === "messages") {
    const denied = need(principal, CHANNEL_MESSAGES, "channel messages");
    if (denied) return denied;
    const team = dataset.teams.get(second!);
    if (!team || team.tenantId !== user.tenantId) return extensionError(404, `Team '${second}' was not found.`);
    const channel = team.channels.find((candidate) => candidate.id === fourth);
    if (!channel) return extensionError(404, `Channel '${fourth}' was not found in team '${team.id}'.`);
    const members = channel.memberIds ?? team.memberIds;
    if (!team.memberIds.includes(user.id) || !members.includes(user.id))
      return extensionError(403, `The user is not a member of the channel '${channel.id}'.`);
    return {
      target: { kind: "channelMessages", teamId: team.id, channelId: channel.id },
      scopes: CHANNEL_MESSAGES,
      maxMinutes: TEAMS_MAX_MINUTES,
      changeTypes: CHANGE_TYPES,
      key: `channelMessages|${channel.id}`,
    };
  }
  return unsupported(resource);
}

/** `$filter=id in ('a','b')` (the documented bulk form); anything else is not understood. */
function presenceFilterIds(query: string): string[] | null {
  const filter = new URLSearchParams(query).get("$filter");
  const match = filter && /^\s*id\s+in\s*\(([^)]*)\)\s*$/i.exec(filter);
  if (!match) return null;
  const items = match[1]!.split(",").map((item) => item.trim());
  if (items.some((item) => !/^'[^']*'$/.test(item))) return null;
  return items.map((item) => item.slice(1, -1));
}

/** The scope check, worded like Graph's subscription errors ("Required permissions to access … is missing"). */
export function missingScope(rule: Pick<ResourceRule, "scopes" | "target">, scopes: string[]): Refusal | null {
  return rule.scopes.some((scope) => scopes.includes(scope)) ? null : scopeRefusal(rule.scopes, describe(rule.target));
}

function need(principal: Principal, scopes: string[], what: string): Refusal | null {
  return scopes.some((scope) => principal.scopes.includes(scope)) ? null : scopeRefusal(scopes, what);
}

const scopeRefusal = (scopes: string[], what: string) =>
  extensionError(403, `Required permissions to access ${what} subscription one of ('${scopes.join(",")}') is missing.`);

function describe(target: Target): string {
  switch (target.kind) {
    case "chatMessages":
      return "chat messages";
    case "chat":
      return "chat";
    case "channelMessages":
      return "channel messages";
    case "presence":
      return "presence";
  }
}
