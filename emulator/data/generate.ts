/**
 * Deterministic tenant generator: the demo tenants and the large benchmark datasets
 * both come from here. Message bodies are not generated up front (see messages.ts):
 * a chat only records how many messages it has and when the newest was sent.
 */
import { EXTRA_GIVEN, EXTRA_SURNAMES, CHAT_TOPICS, TEAM_NAMES, type Persona } from "./people";
import { Rng, uuidFrom } from "./prng";
import type {
  Availability,
  ChannelRecord,
  ChatRecord,
  TeamRecord,
  Tenant,
  TenantUser,
  UserConsentPolicy,
} from "./types";

/** Every timestamp is relative to this instant, never to the wall clock. */
export const BASE_DATE = Date.parse("2025-06-02T09:00:00.000Z");
const MINUTE = 60_000;
const LEADERSHIP = ["patti", "nestor", "lee", "miriam"];

export interface TenantOptions {
  id: string;
  displayName: string;
  domain: string;
  people: Persona[];
  /** Alias of the user whose chats are generated (the one tests sign in as). */
  focus: string;
  /** Chats the focus user is in. */
  chats: number;
  /** Chats between other users only (membership tests). */
  otherChats?: number;
  /** Inclusive message count range per chat. */
  messagesPerChat?: [number, number];
  /** How many of the standard demo teams to create (0 for none). */
  teams?: number;
  /** Synthetic colleagues added after the personas. */
  extraUsers?: number;
  adminConsentScopes?: string[];
  userConsent?: UserConsentPolicy;
  adminConsentWorkflow?: boolean;
  tenantWideGrant?: string[];
  kind?: Tenant["kind"];
  password?: string;
}

const PRESENCE: Array<[Availability, string]> = [
  ["Available", "Available"],
  ["Busy", "InACall"],
  ["Busy", "InAMeeting"],
  ["DoNotDisturb", "Presenting"],
  ["Away", "Away"],
  ["BeRightBack", "BeRightBack"],
  ["Offline", "OffWork"],
];

export function generateTenant(options: TenantOptions): Tenant {
  const rng = new Rng(`tenant:${options.id}`);
  const users = makeUsers(options, rng);
  const focus = users.find((user) => user.mail.startsWith(`${options.focus}@`)) ?? users[0]!;
  const others = users.filter((user) => user !== focus);
  return {
    id: options.id,
    displayName: options.displayName,
    domain: options.domain,
    users,
    teams: makeTeams(options, rng, focus, others),
    chats: makeChats(options, rng, focus, others),
    kind: options.kind ?? "organization",
    policy: {
      userConsent: options.userConsent ?? "all",
      adminConsentWorkflow: options.adminConsentWorkflow ?? false,
      adminConsentScopes: options.adminConsentScopes ?? [],
      tenantWideGrant: options.tenantWideGrant ?? [],
    },
  };
}

function makeUsers(options: TenantOptions, rng: Rng): TenantUser[] {
  const personas = [...options.people];
  for (let i = 0; i < (options.extraUsers ?? 0); i++) {
    const given = EXTRA_GIVEN[i % EXTRA_GIVEN.length]!;
    const surname = EXTRA_SURNAMES[Math.floor(i / EXTRA_GIVEN.length) % EXTRA_SURNAMES.length]!;
    const round = Math.floor(i / (EXTRA_GIVEN.length * EXTRA_SURNAMES.length));
    const alias = `${given}.${surname}${round ? round : ""}`.toLowerCase();
    personas.push({ given, surname, alias, jobTitle: "Consultant", department: "Services" });
  }
  return personas.map((persona) => {
    const [availability, activity] = rng.pick(PRESENCE);
    const mail = `${persona.alias}@${options.domain}`;
    return {
      id: uuidFrom(`${options.id}:user:${persona.alias}`),
      tenantId: options.id,
      displayName: `${persona.given} ${persona.surname}`,
      givenName: persona.given,
      surname: persona.surname,
      mail,
      userPrincipalName: mail,
      jobTitle: persona.jobTitle,
      department: persona.department,
      officeLocation: rng.pick(["Building 1", "Building 2", "Remote"]),
      password: options.password ?? "password",
      isAdmin: persona.isAdmin ?? false,
      presence: { availability, activity },
    };
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function threadId(rng: Rng, suffix: string): string {
  let hex = "";
  for (let i = 0; i < 4; i++)
    hex += Math.floor(rng.next() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return `19:${hex}@${suffix}`;
}

function makeTeams(options: TenantOptions, rng: Rng, focus: TenantUser, others: TenantUser[]): TeamRecord[] {
  const templates = TEAM_NAMES.slice(0, options.teams ?? TEAM_NAMES.length);
  return templates.map((template, index) => {
    const id = uuidFrom(`${options.id}:team:${template.name}`);
    // The focus user is in every team except "Leadership", so membership checks have a target.
    const excludeFocus = template.name === "Leadership";
    const sampled = rng.sample(others, rng.int(3, Math.min(9, others.length)));
    // Leadership is the executives (Nestor the admin among them) when the tenant has them.
    const executives = others.filter((u) => LEADERSHIP.some((alias) => u.mail.startsWith(`${alias}@`)));
    const members = excludeFocus && executives.length > 0 ? executives : sampled;
    const memberIds = excludeFocus ? members.map((u) => u.id) : [focus.id, ...members.map((u) => u.id)];
    const created = BASE_DATE - (400 - index * 20) * 24 * 60 * MINUTE;
    const channel = (name: string, extra: Partial<ChannelRecord> = {}): ChannelRecord => ({
      id: threadId(rng, "thread.tacv2"),
      teamId: id,
      displayName: name,
      description: name === "General" ? `${template.name} general discussion` : `${name} channel`,
      membershipType: "standard",
      memberIds: null,
      createdDateTime: iso(created + rng.int(0, 30) * 24 * 60 * MINUTE),
      messageCount: rng.int(5, 30),
      ...extra,
    });
    const channels = [
      channel("General", { createdDateTime: iso(created) }),
      ...template.channels.map((name) => channel(name)),
    ];
    // Two private channels per dataset: one the focus user is in, one hidden from them.
    if (index === 0)
      channels.push(channel("Confidential", { membershipType: "private", memberIds: memberIds.slice(1, 3) }));
    if (index === 1)
      channels.push(channel("Leads review", { membershipType: "private", memberIds: memberIds.slice(0, 3) }));
    return {
      id,
      tenantId: options.id,
      displayName: template.name,
      description: template.description,
      isArchived: index === templates.length - 1 && templates.length > 1,
      visibility: excludeFocus ? "private" : "public",
      memberIds,
      ownerIds: memberIds.slice(0, 1),
      createdDateTime: iso(created),
      channels,
    };
  });
}

function makeChats(options: TenantOptions, rng: Rng, focus: TenantUser, others: TenantUser[]): ChatRecord[] {
  const [minMessages, maxMessages] = options.messagesPerChat ?? [3, 40];
  const chats: ChatRecord[] = [];
  let cursor = BASE_DATE - 7 * MINUTE;
  const add = (chatType: ChatRecord["chatType"], members: TenantUser[], topic: string | null, id: string) => {
    // Strictly decreasing activity times: the chat list order is well defined.
    cursor -= rng.int(1, 90) * MINUTE;
    const messageCount = rng.int(minMessages, maxMessages);
    chats.push({
      id,
      tenantId: options.id,
      chatType,
      topic,
      memberIds: members.map((user) => user.id),
      lastMessageAt: iso(cursor),
      // Messages are at most 90 minutes apart (see messages.ts), so this precedes them all.
      createdDateTime: iso(cursor - (messageCount + 1) * 90 * MINUTE - 24 * 60 * MINUTE),
      messageCount,
    });
  };
  const oneOnOneId = (a: TenantUser, b: TenantUser) => `19:${[a.id, b.id].sort().join("_")}@unq.gbl.spaces`;

  const partners = rng.sample(others, others.length);
  for (let i = 0; i < options.chats; i++) {
    const roll = rng.next();
    if (i < partners.length && roll < 0.35) {
      const partner = partners[i]!;
      add("oneOnOne", [focus, partner], null, oneOnOneId(focus, partner));
    } else if (roll < 0.55) {
      const members = [focus, ...rng.sample(others, rng.int(2, Math.min(6, others.length)))];
      add(
        "meeting",
        members,
        `Meeting: ${rng.pick(CHAT_TOPICS)}`,
        threadId(rng, "thread.v2").replace("19:", "19:meeting_"),
      );
    } else {
      const members = [focus, ...rng.sample(others, rng.int(2, Math.min(8, others.length)))];
      // Some real group chats have no topic: clients must fall back to member names.
      const topic = rng.chance(0.15) ? null : `${rng.pick(CHAT_TOPICS)}${i >= CHAT_TOPICS.length ? ` #${i}` : ""}`;
      add("group", members, topic, threadId(rng, "thread.v2"));
    }
  }
  for (let i = 0; i < (options.otherChats ?? 0) && others.length >= 2; i++) {
    const [a, b] = rng.sample(others, 2) as [TenantUser, TenantUser];
    if (i % 2 === 0 && !chats.some((chat) => chat.id === oneOnOneId(a, b)))
      add("oneOnOne", [a, b], null, oneOnOneId(a, b));
    else
      add(
        "group",
        rng.sample(others, Math.min(4, others.length)),
        `${rng.pick(CHAT_TOPICS)} (no ${focus.givenName})`,
        threadId(rng, "thread.v2"),
      );
  }
  // Stored in a scrambled order: the Graph layer has to sort, like the real service.
  return rng.sample(chats, chats.length);
}
