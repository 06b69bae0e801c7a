/**
 * Channel messages and their replies, written ones merged in (writes/timeline.ts): the
 * list (default page 20, `$top` ≤ 50, `$expand=replies` inlining up to 1000 replies with
 * `replies@odata.nextLink` for the rest), one message, the replies, one reply.
 */
import type { Context, Hono } from "hono";
import type { MessageRecord } from "../data/types";
import { requireScopes } from "./auth";
import { findChannelMessage, findTeamChannel, timelineOf } from "./containers";
import { collection, odataContext, skipSecret, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { badRequest } from "./errors";
import { canonicalPath, skipToken } from "./paging";
import { CHANNEL_MESSAGES } from "./scopes";
import { messageShape } from "./shapes";
import { sortKey } from "./writes/timeline";

const PAGE = { defaultTop: 20, maxTop: 50, cursor: (m: MessageRecord) => sortKey(m, "createdDateTime") };
const BASE = "/v1.0/teams/:teamId/channels/:channelId/messages";

export function registerChannelMessageRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const guards = [requireScopes(...CHANNEL_MESSAGES), deps.throttler.middleware("messages", "channelId")] as const;
  const entity = (c: Context<GraphEnv>, fragment: string, message: MessageRecord) => {
    const { teamId, channelId } = c.req.param() as { teamId: string; channelId: string };
    return c.json({
      "@odata.context": odataContext(deps, `teams('${teamId}')/channels('${channelId}')/${fragment}/$entity`),
      ...messageShape(c.get("dataset"), message, { teamId, channelId }),
    });
  };

  app.get(BASE, ...guards, (c) => {
    const found = findTeamChannel(c);
    if (found instanceof Response) return found;
    const { team, channel } = found;
    const dataset = c.get("dataset");
    const timeline = timelineOf(c, deps);
    const expand = (c.req.query("$expand") ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
    const unknown = expand.find((item) => item !== "replies");
    if (unknown)
      return badRequest(c, `Parsing OData Select and Expand failed: Could not find a property named '${unknown}'.`);
    const where = { teamId: team.id, channelId: channel.id };
    // $expand=replies: up to N replies inline (Graph: 1000), `replies@odata.nextLink` for the rest.
    const shape = (m: MessageRecord) => {
      const base = messageShape(dataset, m, where);
      if (expand.length === 0) return base;
      const replies = timeline.replies(team, channel, m);
      const limit = deps.settings.inlineReplies;
      const repliesPath = `/v1.0/teams/${team.id}/channels/${channel.id}/messages/${m.id}/replies`;
      const more = replies.length > limit;
      const token = more ? skipToken(skipSecret(deps), repliesPath, limit, PAGE.cursor(replies[limit - 1]!)) : "";
      return {
        ...base,
        "replies@odata.context": odataContext(
          deps,
          `teams('${team.id}')/channels('${channel.id}')/messages('${m.id}')/replies`,
        ),
        ...(more
          ? {
              "replies@odata.nextLink": `${deps.origin}${canonicalPath(repliesPath)}?$skiptoken=${encodeURIComponent(token)}`,
            }
          : {}),
        replies: replies.slice(0, limit).map((reply) => messageShape(dataset, reply, where)),
      };
    };
    const fragment = `teams('${team.id}')/channels('${channel.id}')/messages`;
    return collection(c, deps, fragment, timeline.channelMessages(team, channel), PAGE, shape);
  });

  app.get(`${BASE}/:messageId`, ...guards, (c) => {
    const found = findTeamChannel(c);
    if (found instanceof Response) return found;
    const message = findChannelMessage(c, deps, found);
    return message instanceof Response ? message : entity(c, "messages", message);
  });

  app.get(`${BASE}/:messageId/replies`, ...guards, (c) => {
    const found = findTeamChannel(c);
    if (found instanceof Response) return found;
    const parent = findChannelMessage(c, deps, found);
    if (parent instanceof Response) return parent;
    const { team, channel } = found;
    const replies = timelineOf(c, deps).replies(team, channel, parent);
    const fragment = `teams('${team.id}')/channels('${channel.id}')/messages('${parent.id}')/replies`;
    return collection(c, deps, fragment, replies, PAGE, (m) =>
      messageShape(c.get("dataset"), m, { teamId: team.id, channelId: channel.id }),
    );
  });

  app.get(`${BASE}/:messageId/replies/:replyId`, ...guards, (c) => {
    const found = findTeamChannel(c);
    if (found instanceof Response) return found;
    const reply = findChannelMessage(c, deps, found, c.req.param("replyId"));
    return reply instanceof Response ? reply : entity(c, `messages('${c.req.param("messageId")}')/replies`, reply);
  });
}
