// GET /api/teams/:teamId/channels/:channelId/messages/:messageId/hosted-contents/:hostedId – an inline image of a post
import { withUser } from "@/lib/http/handlers";
import { hostedContentResponse } from "@/lib/http/hosted-content-response";
import { idParams } from "@/lib/http/route-helpers";

export const GET = withUser<{ teamId: string; channelId: string; messageId: string; hostedId: string }>(
  async (_request, user, { hostedId, ...ids }) => {
    const { teamId, channelId, messageId } = idParams(ids);
    const ref = { target: { kind: "channel", teamId, channelId } as const, id: messageId };
    return hostedContentResponse(user.id, ref, hostedId);
  },
);
