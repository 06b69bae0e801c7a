// GET /api/teams – the signed-in user's joined teams with channel counts (?refresh=1 skips the cache)
import { withUser } from "@/lib/http/handlers";
import { privateJson, readQuery } from "@/lib/http/route-helpers";
import { getJoinedTeams } from "@/lib/graph/teams";

export const GET = withUser(async (request, user) => {
  const { options } = await readQuery(request, user.id);
  return privateJson({ teams: await getJoinedTeams(user.id, options) });
});
