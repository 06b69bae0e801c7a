// GET /api/teams/:teamId/channels/:channelId/messages/:messageId/replies/:replyId/hosted-contents/:hostedId – an inline image of a reply
import { withUser } from "@/lib/http/handlers";
import { hostedContentResponse } from "@/lib/http/hosted-content-response";
import { idParams } from "@/lib/http/route-helpers";

export const GET = withUser<{
  teamId: string;
  channelId: string;
  messageId: string;
  replyId: string;
  hostedId: string;
}>(async (_request, user, { hostedId, ...ids }) => {
  const { teamId, channelId, messageId, replyId } = idParams(ids);
  const ref = { target: { kind: "reply", teamId, channelId, messageId } as const, id: replyId };
  return hostedContentResponse(user.id, ref, hostedId);
});
