// DELETE /api/admin/users/:userId/connection – disconnect the user's Teams connection (Nango first, then the mapping)
import { NextResponse } from "next/server";
import { z } from "zod";
import { disconnectUserAsAdmin } from "@/lib/admin/disconnect-user";
import { withAdmin } from "@/lib/http/handlers";

export const DELETE = withAdmin<{ userId: string }>(async (_request, admin, params) => {
  await disconnectUserAsAdmin(admin, z.uuid().parse(params.userId));
  return NextResponse.json({ disconnected: true });
});
