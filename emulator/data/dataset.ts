/**
 * The active dataset with lookup indexes. "demo" is the everyday data; "large" swaps
 * Contoso for a generated tenant with thousands of chats (benchmarks). Selected by
 * `EMULATOR_DATASET` (`demo`, `large`, `large:20000`) or `POST /_emulator/graph/dataset`,
 * regenerated on demand and never written to the state file.
 */
import { generateTenant } from "./generate";
import { imageSeedTargets, withSeededImage, type ImageSeedTargets } from "./image-seeds";
import { generateMessages } from "./messages";
import { contosoOptions, demoTenants, otherTenants } from "./tenants";
import type { ChannelRecord, ChatRecord, MessageRecord, TeamRecord, Tenant, TenantUser } from "./types";

export interface DatasetSelection {
  name: "demo" | "large";
  chats?: number;
  messagesPerChat?: [number, number];
}

const CACHE_LIMIT = 2_000;

export class Dataset {
  readonly users = new Map<string, TenantUser>();
  readonly usersByEmail = new Map<string, TenantUser>();
  readonly chats = new Map<string, ChatRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly channels = new Map<string, { team: TeamRecord; channel: ChannelRecord }>();
  /** Per user, newest activity first (the only order `/me/chats` supports). */
  private readonly chatsByUser = new Map<string, ChatRecord[]>();
  private readonly messageCache = new Map<string, MessageRecord[]>();
  private seedTargets: ImageSeedTargets | null | undefined;

  constructor(
    readonly selection: DatasetSelection,
    readonly tenants: Tenant[],
  ) {
    for (const tenant of tenants) {
      for (const user of tenant.users) {
        this.users.set(user.id, user);
        this.usersByEmail.set(user.mail.toLowerCase(), user);
      }
      for (const team of tenant.teams) {
        this.teams.set(team.id, team);
        for (const channel of team.channels) this.channels.set(channel.id, { team, channel });
      }
      for (const chat of tenant.chats) {
        this.chats.set(chat.id, chat);
        for (const id of chat.memberIds) {
          const list = this.chatsByUser.get(id) ?? [];
          list.push(chat);
          this.chatsByUser.set(id, list);
        }
      }
    }
    for (const list of this.chatsByUser.values()) list.sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
  }

  /** A tenant by id or verified domain (the `{tenant}` segment of login URLs). */
  tenant(idOrDomain: string): Tenant | undefined {
    const key = idOrDomain.toLowerCase();
    return this.tenants.find((tenant) => tenant.id === key || tenant.domain === key);
  }

  chatsOf(userId: string): ChatRecord[] {
    return this.chatsByUser.get(userId) ?? [];
  }

  teamsOf(userId: string): TeamRecord[] {
    return [...this.teams.values()].filter((team) => team.memberIds.includes(userId));
  }

  /** The demo dataset's messages with an inline image (see image-seeds.ts); null elsewhere. */
  get imageSeeds(): ImageSeedTargets | null {
    if (this.seedTargets === undefined)
      this.seedTargets = this.selection.name === "demo" ? imageSeedTargets(this) : null;
    return this.seedTargets;
  }

  chatMessages(chat: ChatRecord): MessageRecord[] {
    return this.cached(chat.id, () =>
      withSeededImage(
        this.imageSeeds,
        { chatId: chat.id },
        chat.memberIds,
        generateMessages({
          key: chat.id,
          count: chat.messageCount,
          newestAt: Date.parse(chat.lastMessageAt),
          members: this.members(chat.memberIds),
          withReplies: false,
          withSubjects: false,
        }),
      ),
    );
  }

  channelMessages(team: TeamRecord, channel: ChannelRecord): MessageRecord[] {
    const members = channel.memberIds ?? team.memberIds;
    return this.cached(channel.id, () =>
      withSeededImage(
        this.imageSeeds,
        { teamId: team.id, channelId: channel.id },
        members,
        generateMessages({
          key: channel.id,
          count: channel.messageCount,
          newestAt: Date.parse(channel.createdDateTime) + 30 * 24 * 3600_000,
          members: this.members(members),
          withReplies: true,
          withSubjects: true,
        }),
      ),
    );
  }

  replies(team: TeamRecord, channel: ChannelRecord, parent: MessageRecord): MessageRecord[] {
    return this.cached(`${channel.id}/${parent.id}`, () =>
      generateMessages({
        key: `${channel.id}/${parent.id}`,
        count: parent.replyCount,
        // Replies come after their parent, newest first; 3 replies span at most ~4.5 h.
        newestAt: Date.parse(parent.createdDateTime) + parent.replyCount * 90 * 60_000,
        members: this.members(channel.memberIds ?? team.memberIds),
        withReplies: false,
        withSubjects: false,
        replyToId: parent.id,
      }),
    );
  }

  private members(ids: string[]): TenantUser[] {
    return ids.map((id) => this.users.get(id)).filter((user): user is TenantUser => user !== undefined);
  }

  private cached(key: string, make: () => MessageRecord[]): MessageRecord[] {
    let value = this.messageCache.get(key);
    if (!value) {
      value = make();
      if (this.messageCache.size >= CACHE_LIMIT) this.messageCache.delete(this.messageCache.keys().next().value!);
      this.messageCache.set(key, value);
    }
    return value;
  }
}

export function loadDataset(selection: DatasetSelection): Dataset {
  if (selection.name === "demo") return new Dataset(selection, demoTenants());
  const contoso = generateTenant(
    contosoOptions({ chats: selection.chats ?? 5_000, messagesPerChat: selection.messagesPerChat, extraUsers: 300 }),
  );
  return new Dataset(selection, [contoso, ...otherTenants()]);
}

/** `demo`, `large` or `large:<chats>`. */
export function parseDatasetEnv(value: string | undefined): DatasetSelection {
  if (!value || value === "demo") return { name: "demo" };
  const [name, chats] = value.split(":");
  if (name !== "large") throw new Error(`EMULATOR_DATASET must be demo, large or large:<chats>, got "${value}"`);
  return { name: "large", chats: chats ? Number(chats) : undefined };
}
