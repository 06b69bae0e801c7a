// PUT | DELETE /api/chats/:chatId/messages/:messageId/reactions/:type – set or remove your reaction
import { withUser } from "@/lib/http/handlers";
import { handleReaction } from "@/lib/http/reaction-request";
import { idParams } from "@/lib/http/route-helpers";

type Params = { chatId: string; messageId: string; type: string };

const handler = withUser<Params>(async (request, user, { type, ...ids }) => {
  const { chatId, messageId } = idParams(ids);
  return handleReaction(request.method, user.id, { target: { kind: "chat", chatId }, id: messageId }, type);
});

export { handler as PUT, handler as DELETE };
