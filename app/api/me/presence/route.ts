// GET /api/me/presence – the signed-in user's Teams presence
import { getMyPresence } from "@/lib/graph/presence";
import { privateJson, readQuery } from "@/lib/http/route-helpers";
import { withUser } from "@/lib/http/handlers";

export const GET = withUser(async (request, user) => {
  const { options } = await readQuery(request, user.id);
  return privateJson({ presence: await getMyPresence(user.id, options) });
});
