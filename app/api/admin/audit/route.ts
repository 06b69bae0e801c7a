// GET /api/admin/audit?page=&action=&email= – the audit log, newest first
import { NextResponse } from "next/server";
import { listAuditLog, parseAuditFilter } from "@/lib/admin/list-audit";
import { parsePage } from "@/lib/admin/reprompt-input";
import { withAdmin } from "@/lib/http/handlers";

export const GET = withAdmin(async (request) => {
  const params = request.nextUrl.searchParams;
  const filter = parseAuditFilter({
    action: params.get("action") ?? undefined,
    email: params.get("email") ?? undefined,
  });
  return NextResponse.json(await listAuditLog(filter, parsePage(params.get("page"))), {
    headers: { "cache-control": "no-store" },
  });
});
