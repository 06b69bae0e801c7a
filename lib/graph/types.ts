/**
 * What the browser may see of Teams data: small DTOs, never raw Graph JSON.
 * Type-only, so client components can import these too.
 */
export interface TeamSummary {
  id: string;
  name: string;
  description: string | null;
  isArchived: boolean;
  /** Null when Graph would not say (throttled or refused). */
  channelCount: number | null;
}

export interface ChannelSummary {
  id: string;
  name: string;
  description: string | null;
  membershipType: "standard" | "private" | "shared" | "unknown";
}

export type ChatType = "oneOnOne" | "group" | "meeting" | "unknown";

export interface ChatSummary {
  id: string;
  /** Topic, else the other members' names. */
  title: string;
  chatType: ChatType;
  memberNames: string[];
  lastMessage: { preview: string; from: string | null; at: string } | null;
  updatedAt: string | null;
}

export interface ChatMember {
  id: string;
  /** The member's Entra user id (what a mention names); null for guests Graph doesn't identify. */
  userId: string | null;
  name: string;
  email: string | null;
  isOwner: boolean;
}

export interface MessageAttachment {
  id: string;
  name: string;
  /** Only http(s) links; null otherwise. */
  url: string | null;
}

/** One reaction type on a message: who reacted, and whether the signed-in user did. */
export interface ReactionView {
  /** Graph's reactionType: `like`, `heart`, `laugh`, `surprised`, `sad`, `angry` or an emoji. */
  type: string;
  count: number;
  /** Display names where known (Graph often leaves them out); may be shorter than count. */
  names: string[];
  mine: boolean;
}

export interface MessageView {
  id: string;
  from: string | null;
  /** Entra user id of the sender (null for apps and system messages). */
  fromId: string | null;
  createdAt: string;
  subject: string | null;
  /** Sanitised HTML, safe for dangerouslySetInnerHTML. */
  html: string;
  isDeleted: boolean;
  isSystem: boolean;
  attachments: MessageAttachment[];
  reactions: ReactionView[];
  /** Replies when Graph sent them with the message (`$expand=replies`), else null. */
  replies: MessageView[] | null;
}

export interface PresenceView {
  availability: string;
  activity: string;
}

export interface Paged<T> {
  items: T[];
  /** Opaque token for the next page, or null at the end. */
  cursor: string | null;
}

/** Someone the composer can @mention: chat members first, then the organisation. */
export interface PersonView {
  id: string;
  name: string;
  email: string | null;
  source: "member" | "organization";
}
