/**
 * Teams and channels. Membership is enforced: a team the user is not in is a 403,
 * private channels they are not in are hidden from lists and 403 directly. Channel
 * messages are in channel-messages-routes.ts.
 */
import type { Hono } from "hono";
import { requireScopes } from "./auth";
import { canSee, findTeam, findTeamChannel } from "./containers";
import { odataContext, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { channelShape, joinedTeamShape, teamShape } from "./shapes";

const TEAM_READ = ["Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All", "Directory.Read.All"];
const CHANNEL_READ = [
  "Channel.ReadBasic.All",
  "ChannelSettings.Read.All",
  "ChannelSettings.ReadWrite.All",
  "Directory.Read.All",
];

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
      const found = findTeamChannel(c);
      if (found instanceof Response) return found;
      return c.json({
        "@odata.context": odataContext(deps, `teams('${found.team.id}')/channels/$entity`),
        ...channelShape(found.team, found.channel),
      });
    },
  );
}
