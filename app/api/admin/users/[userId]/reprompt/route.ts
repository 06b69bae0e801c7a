// DELETE /api/admin/users/:userId/reprompt – cancel the user's pending re-prompt request
import { NextResponse } from "next/server";
import { z } from "zod";
import { cancelReprompt } from "@/lib/admin/cancel-reprompt";
import { withAdmin } from "@/lib/http/handlers";

export const DELETE = withAdmin<{ userId: string }>(async (_request, admin, params) => {
  const userId = z.uuid().parse(params.userId);
  return NextResponse.json({ cancelled: await cancelReprompt(admin, userId) });
});
