// GET /api/admin/tenants – every Microsoft tenant the app has met, with its consent state
import { NextResponse } from "next/server";
import { listTenants } from "@/lib/admin/list-tenants";
import { withAdmin } from "@/lib/http/handlers";

export const GET = withAdmin(async () => NextResponse.json({ tenants: await listTenants() }));
