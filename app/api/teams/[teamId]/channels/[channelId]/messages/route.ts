// GET /api/teams/:teamId/channels/:channelId/messages?cursor= – a page of channel messages, newest first
// POST …/messages – post a new thread (JSON {content, mentions?}, Idempotency-Key header)
import { withUser } from "@/lib/http/handlers";
import { handleSend } from "@/lib/http/send-request";
import { getChannelMessages } from "@/lib/graph/messages";
import { idParams, privateJson, readQuery } from "@/lib/http/route-helpers";

export const GET = withUser<{ teamId: string; channelId: string }>(async (request, user, params) => {
  const { teamId, channelId } = idParams(params);
  const { cursor, options } = await readQuery(request, user.id);
  return privateJson(await getChannelMessages(user.id, teamId, channelId, cursor, options));
});

export const POST = withUser<{ teamId: string; channelId: string }>(async (request, user, params) => {
  const { teamId, channelId } = idParams(params);
  return handleSend(request, user.id, { kind: "channel", teamId, channelId });
});
