/**
 * The emulator's internal tenant model. Graph responses are shaped from these by
 * `emulator/graph/shapes.ts`; only what the emulator needs is kept here.
 */
export type Availability = "Available" | "Busy" | "DoNotDisturb" | "Away" | "BeRightBack" | "Offline";

export interface TenantUser {
  id: string;
  tenantId: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string;
  userPrincipalName: string;
  jobTitle: string;
  department: string;
  officeLocation: string;
  /** Demo password (plain text on purpose: this is fake data for offline tests). */
  password: string;
  /** Tenant admins can grant admin-consent-only scopes on the consent page. */
  isAdmin: boolean;
  presence: { availability: Availability; activity: string };
}

export interface ChannelRecord {
  id: string;
  teamId: string;
  displayName: string;
  description: string;
  membershipType: "standard" | "private";
  /** Members of a private channel; standard channels are open to every team member. */
  memberIds: string[] | null;
  createdDateTime: string;
  messageCount: number;
}

export interface TeamRecord {
  id: string;
  tenantId: string;
  displayName: string;
  description: string;
  isArchived: boolean;
  visibility: "public" | "private";
  memberIds: string[];
  ownerIds: string[];
  createdDateTime: string;
  channels: ChannelRecord[];
}

export interface ChatRecord {
  id: string;
  tenantId: string;
  chatType: "oneOnOne" | "group" | "meeting";
  topic: string | null;
  memberIds: string[];
  createdDateTime: string;
  /** Time of the newest message: the chat list is ordered by it. */
  lastMessageAt: string;
  messageCount: number;
}

/** What users may consent to themselves (Entra ID: "User consent settings"). */
export type UserConsentPolicy = "all" | "low_impact" | "none";

export interface TenantPolicy {
  userConsent: UserConsentPolicy;
  /** "Users can request admin consent to apps they are unable to consent to". */
  adminConsentWorkflow: boolean;
  /** Scopes this tenant treats as admin-only on top of Microsoft's admin-only ones. */
  adminConsentScopes: string[];
  /** Scopes an admin has already granted tenant-wide to the Nango integration's app. */
  tenantWideGrant: string[];
}

export interface Tenant {
  id: string;
  /** `consumers`: the personal Microsoft accounts' tenant (opaque tokens, no Teams work data). */
  kind: "organization" | "consumers";
  displayName: string;
  domain: string;
  users: TenantUser[];
  teams: TeamRecord[];
  chats: ChatRecord[];
  policy: TenantPolicy;
}

/** A message before it is shaped as a Graph chatMessage. */
export interface MessageRecord {
  id: string;
  replyToId: string | null;
  fromId: string;
  createdDateTime: string;
  subject: string | null;
  html: string;
  mentions: Array<{ id: number; userId: string; text: string }>;
  attachments: Array<{ id: string; name: string; contentUrl: string }>;
  replyCount: number;
  /** Generated messages are html; a message posted as `text` keeps that type. */
  contentType?: "html" | "text";
  /** Later than createdDateTime once a reaction changed the message (Graph bumps it, and the etag). */
  lastModifiedDateTime?: string;
  reactions?: ReactionRecord[];
  /** Images Teams hosts for the message, referenced from `<img src=".../hostedContents/{id}/$value">`. */
  hostedContents?: HostedContentRecord[];
}

export interface ReactionRecord {
  reactionType: string;
  /** Teams' name for the reaction ("Like", "Heart"…), null when the emulator doesn't know the emoji. */
  displayName: string | null;
  userId: string;
  createdDateTime: string;
}

export interface HostedContentRecord {
  /** Graph's opaque id: base64 of `id=x_<itemid>,type=1,url=…/views/imgo`. */
  id: string;
  /** The `itemid` attribute of the `<img>` that shows it. */
  itemId: string;
  contentType: string;
  /** Bytes: a PNG drawn from `seed`, or what a client posted (base64). */
  source: { seed: string } | { base64: string };
}
