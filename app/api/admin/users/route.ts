// GET /api/admin/users?page=&status=&q= – one page of users with their connection health
import { NextResponse } from "next/server";
import { listUsers } from "@/lib/admin/list-users";
import { parsePage } from "@/lib/admin/reprompt-input";
import { parseUserFilter } from "@/lib/admin/user-filter";
import { withAdmin } from "@/lib/http/handlers";

export const GET = withAdmin(async (request) => {
  const params = request.nextUrl.searchParams;
  const filter = parseUserFilter({ status: params.get("status") ?? undefined, q: params.get("q") ?? undefined });
  return NextResponse.json(await listUsers(filter, parsePage(params.get("page"))), {
    headers: { "cache-control": "no-store" },
  });
});
