/**
 * Change notifications for Teams messages, shaped as teams-changenotifications-chatmessage
 * ("Notifications without resource data") shows them: `resource` and `resourceData."@odata.id"`
 * are `chats('{chatId}')/messages('{id}')`, `teams('{t}')/channels('{c}')/messages('{id}')`
 * or, for a reply, `…/messages('{parentId}')/replies('{id}')`.
 */
import type { ChangeType } from "./resources";
import { graphTime, type SubscriptionRecord } from "./record";

/** What changed, in terms of Graph resources. */
export type MessageChange =
  | { changeType: ChangeType; chatId: string; messageId: string }
  | { changeType: ChangeType; teamId: string; channelId: string; parentId?: string; messageId: string };

export function messageResource(change: MessageChange): string {
  if ("chatId" in change) return `chats('${change.chatId}')/messages('${change.messageId}')`;
  const channel = `teams('${change.teamId}')/channels('${change.channelId}')`;
  return change.parentId
    ? `${channel}/messages('${change.parentId}')/replies('${change.messageId}')`
    : `${channel}/messages('${change.messageId}')`;
}

export function matches(s: SubscriptionRecord, change: MessageChange): boolean {
  if (!s.changeTypes.includes(change.changeType)) return false;
  if ("chatId" in change) return s.target.kind === "chatMessages" && s.target.chatId === change.chatId;
  return s.target.kind === "channelMessages" && s.target.channelId === change.channelId;
}

export function notificationItem(s: SubscriptionRecord, change: MessageChange) {
  const resource = messageResource(change);
  return {
    subscriptionId: s.id,
    changeType: change.changeType,
    tenantId: s.tenantId,
    clientState: s.clientState,
    subscriptionExpirationDateTime: graphTime(s.expiresAt),
    resource,
    resourceData: { id: change.messageId, "@odata.type": "#Microsoft.Graph.chatMessage", "@odata.id": resource },
  };
}
