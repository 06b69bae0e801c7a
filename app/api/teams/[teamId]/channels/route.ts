// GET /api/teams/:teamId/channels – one team and the channels the user can see
import { withUser } from "@/lib/http/handlers";
import { idParams, privateJson, readQuery } from "@/lib/http/route-helpers";
import { getTeamWithChannels } from "@/lib/graph/teams";

export const GET = withUser<{ teamId: string }>(async (request, user, params) => {
  const { teamId } = idParams(params);
  const { options } = await readQuery(request, user.id);
  return privateJson(await getTeamWithChannels(user.id, teamId, options));
});
