// GET /api/chats/:chatId/messages?cursor= – a page of a chat's messages (sanitised HTML), newest first
import { getChatMessages } from "@/lib/graph/messages";
import { idParams, privateJson, readQuery } from "@/lib/http/route-helpers";
import { withUser } from "@/lib/http/handlers";

export const GET = withUser<{ chatId: string }>(async (request, user, params) => {
  const { chatId } = idParams(params);
  const { cursor, options } = await readQuery(request, user.id);
  return privateJson(await getChatMessages(user.id, chatId, cursor, options));
});
