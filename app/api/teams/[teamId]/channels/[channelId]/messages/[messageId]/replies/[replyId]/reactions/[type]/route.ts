// PUT | DELETE /api/teams/:teamId/channels/:channelId/messages/:messageId/replies/:replyId/reactions/:type – your reaction on a reply
import { withUser } from "@/lib/http/handlers";
import { handleReaction } from "@/lib/http/reaction-request";
import { idParams } from "@/lib/http/route-helpers";

type Params = { teamId: string; channelId: string; messageId: string; replyId: string; type: string };

const handler = withUser<Params>(async (request, user, { type, ...ids }) => {
  const { teamId, channelId, messageId, replyId } = idParams(ids);
  return handleReaction(
    request.method,
    user.id,
    { target: { kind: "reply", teamId, channelId, messageId }, id: replyId },
    type,
  );
});

export { handler as PUT, handler as DELETE };
