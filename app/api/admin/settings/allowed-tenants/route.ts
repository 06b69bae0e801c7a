// GET /api/admin/settings/allowed-tenants – the allowed tenant ids and the ALLOWED_TENANTS default
// PUT /api/admin/settings/allowed-tenants – replace the list (tenant ids or domains; [] = any tenant)
import { NextResponse } from "next/server";
import { z } from "zod";
import { MAX_TENANT_ENTRIES } from "@/lib/admin/tenant-entries";
import { updateAllowedTenants } from "@/lib/admin/update-allowed-tenants";
import { env } from "@/lib/env";
import { withAdmin } from "@/lib/http/handlers";
import { getAllowedTenants } from "@/lib/settings/allowed-tenants";

const body = z.object({ tenants: z.array(z.string().trim().max(253)).max(MAX_TENANT_ENTRIES) }).strict();

export const GET = withAdmin(async () => {
  return NextResponse.json({ tenants: await getAllowedTenants(), envDefault: env.ALLOWED_TENANTS });
});

export const PUT = withAdmin(async (request, admin) => {
  const { tenants } = body.parse(await request.json());
  return NextResponse.json(await updateAllowedTenants(admin, tenants));
});
