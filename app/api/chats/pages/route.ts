// GET /api/chats/pages?cursor=&refresh=1 – every page of the user's chats from `cursor` on, one JSON line each (NDJSON)
import { chatPagesFrom } from "@/lib/graph/chats";
import { withUser } from "@/lib/http/handlers";
import { jsonLinesResponse } from "@/lib/http/json-lines";
import { readQuery } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

export const GET = withUser(async (request, user) => {
  const { cursor, options } = await readQuery(request, user.id);
  // The first page is read before the response starts: a bad cursor is a 400, a broken connection a 409.
  return jsonLinesResponse(chatPagesFrom(user.id, cursor, request.signal, options));
});
