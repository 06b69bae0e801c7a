// GET /api/chats/:chatId/messages?cursor= – a page of a chat's messages (sanitised HTML), newest first
// POST /api/chats/:chatId/messages – send one (JSON {content, mentions?}, Idempotency-Key header)
import { getChatMessages } from "@/lib/graph/messages";
import { idParams, privateJson, readQuery } from "@/lib/http/route-helpers";
import { withUser } from "@/lib/http/handlers";
import { handleSend } from "@/lib/http/send-request";

export const GET = withUser<{ chatId: string }>(async (request, user, params) => {
  const { chatId } = idParams(params);
  const { cursor, options } = await readQuery(request, user.id);
  return privateJson(await getChatMessages(user.id, chatId, cursor, options));
});

export const POST = withUser<{ chatId: string }>(async (request, user, params) => {
  const { chatId } = idParams(params);
  return handleSend(request, user.id, { kind: "chat", chatId });
});
