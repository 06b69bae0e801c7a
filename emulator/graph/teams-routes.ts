/**
 * Teams, channels and channel messages. Membership is enforced: a team the user is not
 * in is a 403, private channels they are not in are hidden from lists and 403 directly.
 */
import type { Context, Hono } from "hono";
import type { ChannelRecord, TeamRecord } from "../data/types";
import { requireScopes } from "./auth";
import { collection, odataContext, skipSecret, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { badRequest, forbidden, notFound } from "./errors";
import { canonicalPath, skipToken } from "./paging";
import { channelShape, joinedTeamShape, messageShape, teamShape } from "./shapes";

const TEAM_READ = ["Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All", "Directory.Read.All"];
const CHANNEL_READ = [
  "Channel.ReadBasic.All",
  "ChannelSettings.Read.All",
  "ChannelSettings.ReadWrite.All",
  "Directory.Read.All",
];
const CHANNEL_MESSAGES = [
  "ChannelMessage.Read.All",
  "ChannelMessage.ReadWrite",
  "Group.Read.All",
  "Group.ReadWrite.All",
];

type C = Context<GraphEnv>;

function findTeam(c: C): TeamRecord | Response {
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

const canSee = (channel: ChannelRecord, userId: string) =>
  channel.memberIds === null || channel.memberIds.includes(userId);

export function registerTeamsRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const t = deps.throttler;

  // joinedTeams takes no OData options and never pages.
  app.get("/v1.0/me/joinedTeams", requireScopes(...TEAM_READ), t.middleware("teams"), (c) => {
    const teams = c.get("dataset").teamsOf(c.get("principal").user.id);
    return c.json({
      "@odata.context": odataContext(deps, "teams"),
      "@odata.count": teams.length,
      value: teams.map(joinedTeamShape),
    });
  });

  app.get("/v1.0/teams/:teamId", requireScopes(...TEAM_READ), t.middleware("teams", "teamId"), (c) => {
    const team = findTeam(c);
    if (team instanceof Response) return team;
    return c.json({ "@odata.context": odataContext(deps, "teams/$entity"), ...teamShape(team) });
  });

  app.get("/v1.0/teams/:teamId/channels", requireScopes(...CHANNEL_READ), t.middleware("channels", "teamId"), (c) => {
    const team = findTeam(c);
    if (team instanceof Response) return team;
    const visible = team.channels.filter((channel) => canSee(channel, c.get("principal").user.id));
    return c.json({
      "@odata.context": odataContext(deps, `teams('${team.id}')/channels`),
      "@odata.count": visible.length,
      value: visible.map((channel) => channelShape(team, channel)),
    });
  });

  app.get(
    "/v1.0/teams/:teamId/channels/:channelId",
    requireScopes(...CHANNEL_READ),
    t.middleware("channels", "teamId"),
    (c) => {
      const team = findTeam(c);
      if (team instanceof Response) return team;
      const channel = findChannel(c, team);
      if (channel instanceof Response) return channel;
      return c.json({
        "@odata.context": odataContext(deps, `teams('${team.id}')/channels/$entity`),
        ...channelShape(team, channel),
      });
    },
  );

  app.get(
    "/v1.0/teams/:teamId/channels/:channelId/messages",
    requireScopes(...CHANNEL_MESSAGES),
    t.middleware("messages", "channelId"),
    (c) => {
      const team = findTeam(c);
      if (team instanceof Response) return team;
      const channel = findChannel(c, team);
      if (channel instanceof Response) return channel;
      const dataset = c.get("dataset");
      const expand = (c.req.query("$expand") ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
      if (expand.some((item) => item !== "replies"))
        return badRequest(
          c,
          `Parsing OData Select and Expand failed: Could not find a property named '${expand.find((item) => item !== "replies")}'.`,
        );
      const where = { teamId: team.id, channelId: channel.id };
      const messages = dataset.channelMessages(team, channel);
      // $expand=replies: up to N replies inline (Graph: 1000), `replies@odata.nextLink` for the rest.
      const shape = (m: (typeof messages)[number]) => {
        const base = messageShape(dataset, m, where);
        if (expand.length === 0) return base;
        const replies = dataset.replies(team, channel, m);
        const limit = deps.settings.inlineReplies;
        const repliesPath = `/v1.0/teams/${team.id}/channels/${channel.id}/messages/${m.id}/replies`;
        return {
          ...base,
          "replies@odata.context": odataContext(
            deps,
            `teams('${team.id}')/channels('${channel.id}')/messages('${m.id}')/replies`,
          ),
          ...(replies.length > limit
            ? {
                "replies@odata.nextLink": `${deps.origin}${canonicalPath(repliesPath)}?$skiptoken=${encodeURIComponent(skipToken(skipSecret(deps), repliesPath, limit))}`,
              }
            : {}),
          replies: replies.slice(0, limit).map((reply) => messageShape(dataset, reply, where)),
        };
      };
      return collection(
        c,
        deps,
        `teams('${team.id}')/channels('${channel.id}')/messages`,
        messages,
        { defaultTop: 20, maxTop: 50 },
        shape,
      );
    },
  );

  app.get(
    "/v1.0/teams/:teamId/channels/:channelId/messages/:messageId/replies",
    requireScopes(...CHANNEL_MESSAGES),
    t.middleware("messages", "channelId"),
    (c) => {
      const team = findTeam(c);
      if (team instanceof Response) return team;
      const channel = findChannel(c, team);
      if (channel instanceof Response) return channel;
      const dataset = c.get("dataset");
      const parent = dataset.channelMessages(team, channel).find((m) => m.id === c.req.param("messageId"));
      if (!parent) return notFound(c, "Message not found.");
      const replies = dataset
        .replies(team, channel, parent)
        .map((m) => messageShape(dataset, m, { teamId: team.id, channelId: channel.id }));
      return collection(
        c,
        deps,
        `teams('${team.id}')/channels('${channel.id}')/messages('${parent.id}')/replies`,
        replies,
        {
          defaultTop: 20,
          maxTop: 50,
        },
      );
    },
  );
}
