// GET /api/teams/:teamId/channels/:channelId/messages/:messageId/replies – a thread's replies, oldest first
import { withUser } from "@/lib/http/handlers";
import { getMessageReplies } from "@/lib/graph/messages";
import { idParams, privateJson, readQuery } from "@/lib/http/route-helpers";

export const GET = withUser<{ teamId: string; channelId: string; messageId: string }>(async (request, user, params) => {
  const { teamId, channelId, messageId } = idParams(params);
  const { options } = await readQuery(request, user.id);
  return privateJson({ items: await getMessageReplies(user.id, teamId, channelId, messageId, options) });
});
