// PUT | DELETE /api/teams/:teamId/channels/:channelId/messages/:messageId/reactions/:type – your reaction on a post
import { withUser } from "@/lib/http/handlers";
import { handleReaction } from "@/lib/http/reaction-request";
import { idParams } from "@/lib/http/route-helpers";

type Params = { teamId: string; channelId: string; messageId: string; type: string };

const handler = withUser<Params>(async (request, user, { type, ...ids }) => {
  const { teamId, channelId, messageId } = idParams(ids);
  return handleReaction(
    request.method,
    user.id,
    { target: { kind: "channel", teamId, channelId }, id: messageId },
    type,
  );
});

export { handler as PUT, handler as DELETE };
