// GET /api/admin/tenants/{tenantId|organizations}/admin-consent – send a tenant admin to Microsoft's admin-consent page
import { NextResponse } from "next/server";
import { tenantParam } from "@/lib/admin/tenant-param";
import { withAdmin } from "@/lib/http/handlers";
import { adminConsentUrl } from "@/lib/tenants/admin-consent-url";

export const GET = withAdmin<{ tenantId: string }>(async (_request, admin, params) => {
  const tenant = tenantParam(params.tenantId);
  const url = await adminConsentUrl({ tenant, by: { id: admin.id, email: admin.email, admin: true } });
  return NextResponse.redirect(url, { status: 303, headers: { "cache-control": "no-store" } });
});
