// GET /api/teams/:teamId/channels/:channelId/messages/:messageId/replies – a thread's replies, oldest first
// POST …/replies – reply in the thread (JSON {content, mentions?}, Idempotency-Key header)
import { withUser } from "@/lib/http/handlers";
import { handleSend } from "@/lib/http/send-request";
import { getMessageReplies } from "@/lib/graph/messages";
import { idParams, privateJson, readQuery } from "@/lib/http/route-helpers";

export const GET = withUser<{ teamId: string; channelId: string; messageId: string }>(async (request, user, params) => {
  const { teamId, channelId, messageId } = idParams(params);
  const { options } = await readQuery(request, user.id);
  return privateJson({ items: await getMessageReplies(user.id, teamId, channelId, messageId, options) });
});

export const POST = withUser<{ teamId: string; channelId: string; messageId: string }>(
  async (request, user, params) => {
    const { teamId, channelId, messageId } = idParams(params);
    return handleSend(request, user.id, { kind: "reply", teamId, channelId, messageId });
  },
);
