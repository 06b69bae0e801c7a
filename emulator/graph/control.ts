/**
 * Test controls under `/_emulator/graph`: throttling (switch, limits, Retry-After on or
 * off, 429 counters) and the dataset (demo or large, for benchmarks).
 */
import { z } from "zod";
import type { Dataset } from "../data/dataset";
import type { DatasetHolder } from "../data/registry";
import type { GraphDeps } from "./deps";
import { DEFAULT_LIMITS, type ThrottleClass } from "./throttling";

const limit = z.object({
  requests: z.number().int().min(0).max(100_000),
  perSeconds: z.number().positive().max(86_400),
});
const throttlingBody = z.object({
  enabled: z.boolean().optional(),
  retryAfter: z.boolean().optional(),
  limits: z.partialRecord(z.enum(Object.keys(DEFAULT_LIMITS) as [ThrottleClass, ...ThrottleClass[]]), limit).optional(),
  perResource: limit.nullable().optional(),
  /** Message posts: per chat or channel, and per channel per day (null switches one off). */
  writes: z
    .object({ perConversation: limit.nullable().optional(), perChannelPerDay: limit.nullable().optional() })
    .optional(),
  /** Back to the defaults (counters too). */
  reset: z.boolean().optional(),
});
const datasetBody = z.object({
  name: z.enum(["demo", "large"]),
  chats: z.number().int().min(1).max(100_000).optional(),
  messagesPerChat: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
});

export function registerGraphControls(deps: GraphDeps, datasets: DatasetHolder): void {
  const api = deps.ctx.controlApi;
  const throttler = deps.throttler;
  const report = () => ({
    ...throttler.settings,
    throttled: { total: Object.values(throttler.throttled).reduce((a, b) => a + b, 0), byClass: throttler.throttled },
    admitted: { total: Object.values(throttler.admitted).reduce((a, b) => a + b, 0), byClass: throttler.admitted },
  });

  api.get("/graph/throttling", (c) => c.json(report()));
  api.post("/graph/throttling", async (c) => {
    const body = throttlingBody.parse(await c.req.json());
    if (body.reset) throttler.reset();
    const settings = throttler.settings;
    if (body.enabled !== undefined) settings.enabled = body.enabled;
    if (body.retryAfter !== undefined) settings.retryAfter = body.retryAfter;
    if (body.perResource !== undefined) settings.perResource = body.perResource;
    if (body.writes?.perConversation !== undefined) settings.writes.perConversation = body.writes.perConversation;
    if (body.writes?.perChannelPerDay !== undefined) settings.writes.perChannelPerDay = body.writes.perChannelPerDay;
    for (const [cls, value] of Object.entries(body.limits ?? {})) settings.limits[cls as ThrottleClass] = value;
    throttler.refill();
    return c.json(report());
  });

  /** How many replies `$expand=replies` inlines per channel message (Graph: 1000). */
  api.get("/graph/replies", (c) => c.json({ inlineLimit: deps.settings.inlineReplies }));
  api.post("/graph/replies", async (c) => {
    const body = z.object({ inlineLimit: z.number().int().min(0).max(1000) }).parse(await c.req.json());
    deps.settings.inlineReplies = body.inlineLimit;
    return c.json({ inlineLimit: deps.settings.inlineReplies });
  });
  api.get("/graph/dataset", (c) => c.json(summary(datasets)));
  api.post("/graph/dataset", async (c) => {
    const started = performance.now();
    datasets.select(datasetBody.parse(await c.req.json()));
    // What was written, and who watched it, belongs to the old data: the watchers are told.
    deps.overlay.clear();
    deps.subscriptions.removeAll();
    return c.json({ ...summary(datasets), generatedMs: Math.round(performance.now() - started) });
  });
}

function summary(datasets: DatasetHolder) {
  const current = datasets.current;
  return {
    selection: current.selection,
    imageSeeds: imageSeedMessages(current),
    tenants: current.tenants.map((tenant) => ({
      id: tenant.id,
      displayName: tenant.displayName,
      domain: tenant.domain,
      users: tenant.users.length,
      teams: tenant.teams.length,
      chats: tenant.chats.length,
    })),
  };
}

/** Where the demo dataset's inline images are (null for other datasets). */
function imageSeedMessages(dataset: Dataset) {
  const targets = dataset.imageSeeds;
  if (!targets) return null;
  const chat = dataset.chats.get(targets.chatId)!;
  const { team, channel } = dataset.channels.get(targets.channelId)!;
  const chatMessage = dataset.chatMessages(chat)[0]!;
  const channelMessage = dataset.channelMessages(team, channel)[0]!;
  // Someone other than the demo user who may post there (`post-as`), for tests of what others write.
  const other = (memberIds: string[]) =>
    dataset.users.get(memberIds.find((id) => id !== targets.focusId) ?? "")?.mail ?? null;
  return {
    chat: {
      chatId: chat.id,
      messageId: chatMessage.id,
      hostedContentId: chatMessage.hostedContents![0]!.id,
      otherMemberEmail: other(chat.memberIds),
    },
    channel: {
      teamId: team.id,
      channelId: channel.id,
      messageId: channelMessage.id,
      hostedContentId: channelMessage.hostedContents![0]!.id,
      otherMemberEmail: other(channel.memberIds ?? team.memberIds),
    },
  };
}
