// POST /api/connect/failure – the Connect UI closed without a connection (a forced consent is not forced again)
import { NextResponse } from "next/server";
import { z } from "zod";
import { reportConnectFailure } from "@/lib/connections/report-connect-failure";
import { withUser } from "@/lib/http/handlers";

const body = z.object({ reason: z.enum(["cancelled", "window_closed", "error"]) }).strict();

export const POST = withUser(async (request, user) => {
  const { reason } = body.parse(await request.json());
  return NextResponse.json(await reportConnectFailure(user, reason));
});
