// GET /api/people?q=&chatId= – people to @mention: the chat's members first, then the organisation
import { z } from "zod";
import { graphIdSchema } from "@/lib/graph/ids";
import { withUser } from "@/lib/http/handlers";
import { rateLimit } from "@/lib/http/rate-limit";
import { privateJson } from "@/lib/http/route-helpers";
import { findPeople } from "@/lib/messages/find-people";

const query = z.object({
  q: z.string().trim().min(1, "Type at least one letter to search.").max(64),
  chatId: graphIdSchema.optional(),
});

export const GET = withUser(async (request, user) => {
  const { q, chatId } = query.parse({
    q: request.nextUrl.searchParams.get("q") ?? "",
    chatId: request.nextUrl.searchParams.get("chatId") ?? undefined,
  });
  await rateLimit("people-search", user.id, { capacity: 30, refillPerMinute: 60 });
  return privateJson({ items: await findPeople(user.id, q, chatId) });
});
