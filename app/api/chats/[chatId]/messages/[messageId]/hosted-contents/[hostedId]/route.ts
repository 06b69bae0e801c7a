// GET /api/chats/:chatId/messages/:messageId/hosted-contents/:hostedId – an inline image of a chat message
import { withUser } from "@/lib/http/handlers";
import { hostedContentResponse } from "@/lib/http/hosted-content-response";
import { idParams } from "@/lib/http/route-helpers";

export const GET = withUser<{ chatId: string; messageId: string; hostedId: string }>(
  async (_request, user, { hostedId, ...ids }) => {
    const { chatId, messageId } = idParams(ids);
    return hostedContentResponse(user.id, { target: { kind: "chat", chatId }, id: messageId }, hostedId);
  },
);
