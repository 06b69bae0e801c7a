/**
 * Looking up the chat, team, channel and message a request names, with Graph's
 * membership rules: unknown (or another tenant's) is a 404, not a member is a 403, private
 * channels the user is not in are a 403. Shared by the read and write routes.
 */
import type { Context } from "hono";
import type { ChannelRecord, ChatRecord, MessageRecord, TeamRecord } from "../data/types";
import type { GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { forbidden, notFound } from "./errors";
import { Timeline } from "./writes/timeline";

type C = Context<GraphEnv>;

export const timelineOf = (c: C, deps: GraphDeps) => new Timeline(c.get("dataset"), deps.overlay);

export function findChat(c: C): ChatRecord | Response {
  const id = c.req.param("chatId")!;
  const chat = c.get("dataset").chats.get(id);
  const { user } = c.get("principal");
  if (!chat || chat.tenantId !== user.tenantId) return notFound(c, `Chat ${id} not found.`);
  if (!chat.memberIds.includes(user.id)) return forbidden(c, "Forbidden: the user is not a member of this chat.");
  return chat;
}

export const canSee = (channel: ChannelRecord, userId: string) =>
  channel.memberIds === null || channel.memberIds.includes(userId);

export function findTeam(c: C): TeamRecord | Response {
  const id = c.req.param("teamId")!;
  const team = c.get("dataset").teams.get(id);
  const { user } = c.get("principal");
  if (!team || team.tenantId !== user.tenantId) return notFound(c, `No team found with Group Id ${id}`);
  if (!team.memberIds.includes(user.id)) return forbidden(c, "Forbidden: the user is not a member of this team.");
  return team;
}

function findChannel(c: C, team: TeamRecord): ChannelRecord | Response {
  const id = c.req.param("channelId")!;
  const channel = team.channels.find((candidate) => candidate.id === id);
  if (!channel) return notFound(c, `Channel ${id} not found in team ${team.id}.`);
  if (!canSee(channel, c.get("principal").user.id))
    return forbidden(c, "Forbidden: the user is not a member of this private channel.");
  return channel;
}

export function findTeamChannel(c: C): { team: TeamRecord; channel: ChannelRecord } | Response {
  const team = findTeam(c);
  if (team instanceof Response) return team;
  const channel = findChannel(c, team);
  if (channel instanceof Response) return channel;
  return { team, channel };
}

/** Archived teams are read-only: "users can no longer send or like messages" there (team-archive). */
export function findWritableChannel(c: C): { team: TeamRecord; channel: ChannelRecord } | Response {
  const found = findTeamChannel(c);
  if (found instanceof Response || !found.team.isArchived) return found;
  return forbidden(c, `Forbidden: team ${found.team.id} is archived; its channels take no new messages or reactions.`);
}

const missing = (c: C) => notFound(c, "Message not found.");

export function findChatMessage(c: C, deps: GraphDeps, chat: ChatRecord, id: string): MessageRecord | Response {
  return (
    timelineOf(c, deps)
      .chatMessages(chat)
      .find((m) => m.id === id) ?? missing(c)
  );
}

/** A channel message (`:messageId`), or with `replyId` one of its replies. */
export function findChannelMessage(
  c: C,
  deps: GraphDeps,
  where: { team: TeamRecord; channel: ChannelRecord },
  replyId?: string,
): MessageRecord | Response {
  const timeline = timelineOf(c, deps);
  const parent = timeline.channelMessages(where.team, where.channel).find((m) => m.id === c.req.param("messageId"));
  if (!parent) return missing(c);
  if (replyId === undefined) return parent;
  return timeline.replies(where.team, where.channel, parent).find((m) => m.id === replyId) ?? missing(c);
}
