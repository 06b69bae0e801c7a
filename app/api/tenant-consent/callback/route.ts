// GET /api/tenant-consent/callback – Microsoft's redirect back from the admin-consent endpoint (state-signed)
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { withRequestId } from "@/lib/http/request-context";
import { errorResponse } from "@/lib/http/respond";
import { completeAdminConsent } from "@/lib/tenants/complete-admin-consent";

// No app session is required: an organization admin may open a link a user forwarded.
// The signed state is the authentication; the outcome page shows no data.
export const GET = withRequestId(async (request: NextRequest) => {
  let outcome;
  try {
    outcome = await completeAdminConsent(request.nextUrl.searchParams);
  } catch (error) {
    return errorResponse(error);
  }
  const target = new URL(outcome.byAdmin ? "/admin/tenants" : "/tenant-consent", env.APP_URL);
  target.searchParams.set("consent", outcome.ok ? "granted" : outcome.reason);
  return NextResponse.redirect(target, { status: 303, headers: { "cache-control": "no-store" } });
});
