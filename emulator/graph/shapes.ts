/**
 * Internal records → Graph v1.0 resources, typed with @microsoft/microsoft-graph-types
 * so the app's mappers see exactly what the real API returns (nulls included).
 */
import type {
  AadUserConversationMember,
  Channel,
  Chat,
  ChatMessage,
  ChatMessageInfo,
  Presence,
  Team,
  User,
} from "@microsoft/microsoft-graph-types";
import type { Dataset } from "../data/dataset";
import type { ChannelRecord, ChatRecord, MessageRecord, ReactionRecord, TeamRecord, TenantUser } from "../data/types";

const TEAMS_WEB = "https://teams.microsoft.com";

export function userShape(user: TenantUser): User {
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: user.officeLocation,
    preferredLanguage: "en-US",
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
  };
}

/** `joinedTeams` fills only these properties; the rest are null like in Graph. */
export function joinedTeamShape(team: TeamRecord): Team {
  return {
    id: team.id,
    createdDateTime: null,
    displayName: team.displayName,
    description: team.description,
    internalId: null,
    classification: null,
    specialization: null,
    visibility: null,
    webUrl: null,
    isArchived: team.isArchived,
    tenantId: team.tenantId,
    memberSettings: null,
    guestSettings: null,
    messagingSettings: null,
    funSettings: null,
    summary: null,
  };
}

export function teamShape(team: TeamRecord): Team {
  return {
    ...joinedTeamShape(team),
    createdDateTime: team.createdDateTime,
    internalId: team.channels[0]?.id ?? null,
    specialization: "none",
    visibility: team.visibility,
    webUrl: `${TEAMS_WEB}/l/team/${encodeURIComponent(team.channels[0]?.id ?? "")}/conversations?groupId=${team.id}&tenantId=${team.tenantId}`,
    summary: { ownersCount: team.ownerIds.length, membersCount: team.memberIds.length, guestsCount: 0 },
  };
}

export function channelShape(team: TeamRecord, channel: ChannelRecord): Channel {
  return {
    id: channel.id,
    createdDateTime: channel.createdDateTime,
    displayName: channel.displayName,
    description: channel.description,
    isFavoriteByDefault: null,
    email: "",
    tenantId: team.tenantId,
    webUrl: `${TEAMS_WEB}/l/channel/${encodeURIComponent(channel.id)}/${encodeURIComponent(channel.displayName)}?groupId=${team.id}&tenantId=${team.tenantId}`,
    membershipType: channel.membershipType,
  };
}

function identity(user: TenantUser | undefined, userId: string) {
  return {
    "@odata.type": "#microsoft.graph.teamworkUserIdentity",
    id: userId,
    displayName: user?.displayName ?? null,
    userIdentityType: "aadUser" as const,
    tenantId: user?.tenantId,
  };
}

export function memberShape(
  user: TenantUser,
  chat: ChatRecord,
  ownerId: string | undefined,
): AadUserConversationMember {
  return {
    "@odata.type": "#microsoft.graph.aadUserConversationMember",
    id: Buffer.from(`${chat.id}##${user.id}`).toString("base64"),
    roles: user.id === ownerId && chat.chatType !== "oneOnOne" ? ["owner"] : [],
    displayName: user.displayName,
    visibleHistoryStartDateTime: "0001-01-01T00:00:00Z",
    userId: user.id,
    email: user.mail,
    tenantId: user.tenantId,
  } as AadUserConversationMember;
}

/** `lastMessageAt`: the chat's newest message, written ones included (Timeline.lastMessageAt). */
export function chatShape(chat: ChatRecord, lastMessageAt = chat.lastMessageAt): Chat {
  return {
    id: chat.id,
    topic: chat.topic,
    createdDateTime: chat.createdDateTime,
    lastUpdatedDateTime: lastMessageAt,
    chatType: chat.chatType,
    webUrl: `${TEAMS_WEB}/l/chat/${encodeURIComponent(chat.id)}/0?tenantId=${chat.tenantId}`,
    tenantId: chat.tenantId,
    onlineMeetingInfo: null,
    viewpoint: { isHidden: false, lastMessageReadDateTime: lastMessageAt },
  };
}

/** `lastMessagePreview` of a chat from its newest message (see Timeline.newestMessage). */
export function previewShape(dataset: Dataset, newest: MessageRecord | undefined): ChatMessageInfo | null {
  if (!newest) return null;
  const from = dataset.users.get(newest.fromId);
  return {
    id: newest.id,
    createdDateTime: newest.createdDateTime,
    isDeleted: false,
    messageType: "message",
    eventDetail: null,
    body: {
      contentType: "text",
      content: newest.html
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    },
    from: { application: null, device: null, user: identity(from, newest.fromId) },
  } as ChatMessageInfo;
}

export interface MessageContext {
  chatId?: string;
  teamId?: string;
  channelId?: string;
}

export function messageShape(dataset: Dataset, message: MessageRecord, where: MessageContext): ChatMessage {
  const from = dataset.users.get(message.fromId);
  const modified = message.lastModifiedDateTime ?? message.createdDateTime;
  return {
    id: message.id,
    replyToId: message.replyToId,
    // Graph's etag is the last modification in ms: a reaction changes it.
    etag: message.lastModifiedDateTime ? String(Date.parse(modified)) : message.id,
    messageType: "message",
    createdDateTime: message.createdDateTime,
    lastModifiedDateTime: modified,
    lastEditedDateTime: null,
    deletedDateTime: null,
    subject: message.subject,
    summary: null,
    chatId: where.chatId ?? null,
    importance: "normal",
    locale: "en-us",
    webUrl: where.channelId
      ? `${TEAMS_WEB}/l/message/${encodeURIComponent(where.channelId)}/${message.id}?groupId=${where.teamId}`
      : null,
    channelIdentity: where.channelId ? { teamId: where.teamId, channelId: where.channelId } : null,
    policyViolation: null,
    eventDetail: null,
    from: { application: null, device: null, user: identity(from, message.fromId) },
    body: { contentType: message.contentType ?? "html", content: message.html },
    attachments: message.attachments.map((file) => ({
      id: file.id,
      contentType: "reference",
      contentUrl: file.contentUrl,
      content: null,
      name: file.name,
      thumbnailUrl: null,
      teamsAppId: null,
    })),
    mentions: message.mentions.map((mention) => {
      const user = dataset.users.get(mention.userId);
      return {
        id: mention.id,
        mentionText: mention.text,
        mentioned: {
          application: null,
          device: null,
          conversation: null,
          tag: null,
          user: identity(user, mention.userId),
        },
      };
    }),
    reactions: (message.reactions ?? []).map(reactionShape),
  } as ChatMessage;
}

/** As Graph returns reactions: the reacting user's displayName is always null there. */
function reactionShape(reaction: ReactionRecord) {
  return {
    reactionType: reaction.reactionType,
    displayName: reaction.displayName,
    reactionContentUrl: null,
    createdDateTime: reaction.createdDateTime,
    user: {
      application: null,
      device: null,
      user: {
        "@odata.type": "#microsoft.graph.teamworkUserIdentity",
        id: reaction.userId,
        displayName: null,
        userIdentityType: "aadUser",
      },
    },
  };
}

export function presenceShape(user: TenantUser): Presence {
  return {
    id: user.id,
    availability: user.presence.availability,
    activity: user.presence.activity,
    statusMessage: null,
  } as Presence;
}
