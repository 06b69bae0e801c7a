// POST /api/admin/reprompts – require consent or sign-in from chosen users, or every user matching a filter
import { NextResponse } from "next/server";
import { findUserIdsMatching } from "@/lib/admin/list-users";
import { repromptInput } from "@/lib/admin/reprompt-input";
import { requestReprompts } from "@/lib/admin/request-reprompts";
import { withAdmin } from "@/lib/http/handlers";

export const POST = withAdmin(async (request, admin) => {
  const { prompt, reason, target } = repromptInput.parse(await request.json());
  const userIds = "userIds" in target ? target.userIds : await findUserIdsMatching(target.filter);
  const requested = await requestReprompts(admin, userIds, prompt, reason);
  return NextResponse.json({ requested });
});
