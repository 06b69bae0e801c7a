/**
 * Test controls for writes, under `/_emulator/graph` (loopback only):
 * - `GET /posts?chatId=…` or `?teamId=…&channelId=…[&replyToId=…]`: every message written
 *   through the write API there, oldest first (for a channel without replyToId: its new
 *   threads and all replies written in it), so a test counts posts at the emulator.
 * - `POST /post-as`: someone else posts (`fromEmail`, `html`, optional `hostedImage`,
 *   `mentions`); 201 with the chatMessage as Graph would return it.
 * - `POST /write-faults` / `GET /write-faults`: queue faults for the next message POSTs.
 * - `POST /mentions` `{ checks: "strict" | "graph" }`: how strictly mentions are checked.
 */
import { z } from "zod";
import type { MessagePlace } from "../../data/hosted-content";
import type { DatasetHolder } from "../../data/registry";
import type { GraphDeps } from "../deps";
import { messageShape } from "../shapes";
import { containerOf, createMessage } from "./create";
import { parseMessageInput } from "./message-input";
import { channelKey } from "./overlay";
import { Timeline } from "./timeline";

const where = z.union([
  z.object({ chatId: z.string().min(1) }),
  z.object({ teamId: z.string().min(1), channelId: z.string().min(1), replyToId: z.string().min(1).optional() }),
]);
const postAsBody = z.intersection(
  where,
  z.object({
    fromEmail: z.string().min(3),
    html: z.string().min(1),
    hostedImage: z.boolean().optional(),
    mentions: z.array(z.unknown()).optional(),
  }),
);
const faultsBody = z.union([
  z.object({ reset: z.literal(true) }),
  z
    .object({
      acceptThenHangMs: z.number().int().min(0).max(600_000).optional(),
      failBeforeAccept: z.union([z.literal(503), z.literal(500)]).optional(),
      count: z.number().int().min(1).max(1000).default(1),
    })
    .refine((b) => (b.acceptThenHangMs === undefined) !== (b.failBeforeAccept === undefined), {
      message: "give exactly one of acceptThenHangMs and failBeforeAccept",
    }),
]);

const fail = (message: string) => ({ error: { code: "invalid_body", message } });

export function registerWriteControls(deps: GraphDeps, datasets: DatasetHolder): void {
  const api = deps.ctx.controlApi;
  const { overlay } = deps;

  /** The place a control request names, checked against the dataset. */
  const placeOf = (input: z.infer<typeof where>): MessagePlace | string => {
    const dataset = datasets.current;
    if ("chatId" in input)
      return dataset.chats.has(input.chatId) ? { chatId: input.chatId } : `Unknown chat ${input.chatId}`;
    const found = dataset.channels.get(input.channelId);
    if (!found || found.team.id !== input.teamId) return `Unknown channel ${input.channelId} in team ${input.teamId}`;
    return { teamId: input.teamId, channelId: input.channelId, replyToId: input.replyToId };
  };

  api.get("/graph/posts", (c) => {
    const place = placeOf(where.parse(c.req.query()));
    if (typeof place === "string") return c.json(fail(place), 404);
    const keys =
      "chatId" in place || place.replyToId
        ? [containerOf(place)]
        : [
            channelKey(place.channelId),
            ...overlay.containers().filter((key) => key.startsWith(`replies|${place.channelId}|`)),
          ];
    const items = keys
      .flatMap((key) => overlay.written(key))
      .filter((message) => message.via === "api")
      .sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime) || a.id.localeCompare(b.id))
      .map((m) => ({
        id: m.id,
        fromId: m.fromId,
        html: m.html,
        mentions: m.mentions.map((mention) => ({ id: mention.id, mentionText: mention.text, userId: mention.userId })),
        createdDateTime: m.createdDateTime,
        subject: m.subject,
        replyToId: m.replyToId,
      }));
    return c.json({ items });
  });

  api.post("/graph/post-as", async (c) => {
    const body = postAsBody.parse(await c.req.json());
    const dataset = datasets.current;
    const place = placeOf(body);
    if (typeof place === "string") return c.json(fail(place), 404);
    const author = dataset.usersByEmail.get(body.fromEmail.toLowerCase());
    if (!author) return c.json(fail(`Unknown user ${body.fromEmail}`), 400);
    const timeline = new Timeline(dataset, overlay);
    if ("chatId" in place) {
      if (!dataset.chats.get(place.chatId)!.memberIds.includes(author.id))
        return c.json(fail(`${body.fromEmail} is not a member of chat ${place.chatId}`), 400);
    } else {
      const { team, channel } = dataset.channels.get(place.channelId)!;
      if (!(channel.memberIds ?? team.memberIds).includes(author.id))
        return c.json(fail(`${body.fromEmail} is not a member of channel ${place.channelId}`), 400);
      if (place.replyToId && !timeline.channelMessages(team, channel).some((m) => m.id === place.replyToId))
        return c.json(fail(`Unknown message ${place.replyToId} in channel ${place.channelId}`), 404);
    }
    const raw = { body: { contentType: "html", content: body.html }, mentions: body.mentions };
    const input = parseMessageInput(raw, { dataset, author, strictMentions: deps.settings.mentionChecks === "strict" });
    if (!input.ok) return c.json(fail(input.message), 400);
    const message = createMessage(overlay, place, author.id, input.value, {
      via: "post-as",
      hostedImage: body.hostedImage,
    });
    const context = "chatId" in place ? { chatId: place.chatId } : { teamId: place.teamId, channelId: place.channelId };
    return c.json(messageShape(dataset, message, context), 201);
  });

  api.get("/graph/write-faults", (c) => c.json({ pending: deps.writeFaults.queue }));
  api.post("/graph/write-faults", async (c) => {
    const body = faultsBody.parse(await c.req.json());
    if ("reset" in body) deps.writeFaults.reset();
    else if (body.acceptThenHangMs !== undefined)
      deps.writeFaults.add({ kind: "acceptThenHang", ms: body.acceptThenHangMs }, body.count);
    else deps.writeFaults.add({ kind: "failBeforeAccept", status: body.failBeforeAccept! }, body.count);
    return c.json({ pending: deps.writeFaults.queue });
  });

  api.get("/graph/mentions", (c) => c.json({ checks: deps.settings.mentionChecks }));
  api.post("/graph/mentions", async (c) => {
    const body = z.object({ checks: z.enum(["strict", "graph"]) }).parse(await c.req.json());
    deps.settings.mentionChecks = body.checks;
    return c.json({ checks: deps.settings.mentionChecks });
  });
}
