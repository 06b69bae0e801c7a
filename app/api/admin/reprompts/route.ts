// POST /api/admin/reprompts – require consent or sign-in from chosen users, or every user matching a filter
// (consent is skipped, and said so, for users whose tenant would block them at an approval page)
import { NextResponse } from "next/server";
import { splitConsentSafe } from "@/lib/admin/consent-safe-users";
import { findUserIdsMatching } from "@/lib/admin/list-users";
import { repromptInput } from "@/lib/admin/reprompt-input";
import { requestReprompts } from "@/lib/admin/request-reprompts";
import { withAdmin } from "@/lib/http/handlers";

export const POST = withAdmin(async (request, admin) => {
  const { prompt, reason, target } = repromptInput.parse(await request.json());
  const userIds = "userIds" in target ? target.userIds : await findUserIdsMatching(target.filter);
  // A consent prompt is never sent where it would trap the user on an approval page.
  const { safe, skipped } = prompt === "consent" ? await splitConsentSafe(userIds) : { safe: userIds, skipped: [] };
  const requested = safe.length ? await requestReprompts(admin, safe, prompt, reason) : 0;
  return NextResponse.json({ requested, skipped });
});
