// GET /api/chats?cursor= – a page of the user's chats, most recent first; `cursor` is ours (signed)
import { getChatsPage } from "@/lib/graph/chats";
import { privateJson, readQuery } from "@/lib/http/route-helpers";
import { withUser } from "@/lib/http/handlers";

export const GET = withUser(async (request, user) => {
  const { cursor, options } = await readQuery(request, user.id);
  return privateJson(await getChatsPage(user.id, cursor, options));
});
