// GET /api/teams/:teamId/channels/:channelId/messages?cursor= – a page of channel messages, newest first
import { withUser } from "@/lib/http/handlers";
import { getChannelMessages } from "@/lib/graph/messages";
import { idParams, privateJson, readQuery } from "@/lib/http/route-helpers";

export const GET = withUser<{ teamId: string; channelId: string }>(async (request, user, params) => {
  const { teamId, channelId } = idParams(params);
  const { cursor, options } = await readQuery(request, user.id);
  return privateJson(await getChannelMessages(user.id, teamId, channelId, cursor, options));
});
