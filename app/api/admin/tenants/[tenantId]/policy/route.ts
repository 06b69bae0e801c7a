// PUT /api/admin/tenants/{tenantId}/policy – what users of this tenant may consent to (as set in Entra ID)
import { NextResponse } from "next/server";
import { z } from "zod";
import { setTenantPolicy } from "@/lib/admin/set-tenant-policy";
import { tenantParam } from "@/lib/admin/tenant-param";
import { AppError } from "@/lib/errors";
import { withAdmin } from "@/lib/http/handlers";

const body = z.object({ userConsent: z.enum(["unknown", "allowed", "restricted"]) }).strict();

export const PUT = withAdmin<{ tenantId: string }>(async (request, admin, params) => {
  const tenant = tenantParam(params.tenantId);
  if (!tenant) throw new AppError("invalid_input", "Name a tenant id (a GUID).");
  const { userConsent } = body.parse(await request.json());
  await setTenantPolicy(admin, tenant, userConsent);
  return NextResponse.json({ tenantId: tenant, userConsent });
});
