// POST /api/connect/session – start a Nango Connect session for the signed-in user
import { NextResponse } from "next/server";
import { z } from "zod";
import { CONNECT_INTENTS } from "@/lib/connections/connect-scopes";
import { createConnectSessionFor } from "@/lib/connections/create-connect-session";
import { withUser } from "@/lib/http/handlers";
import { rateLimit } from "@/lib/http/rate-limit";

const body = z.object({ intent: z.enum(CONNECT_INTENTS).default("connect") }).strict();

export const POST = withUser(async (request, user) => {
  await rateLimit("connect-session", user.id, { capacity: 10, refillPerMinute: 10 });
  const { intent } = body.parse(await request.json().catch(() => ({})));
  const session = await createConnectSessionFor(user, intent);
  return NextResponse.json(session, { headers: { "cache-control": "no-store" } });
});
