// GET /api/connections – the signed-in user's Teams connection (status, account, scopes)
// POST /api/connections – the browser's "connected" event: verified with Nango, then stored
// DELETE /api/connections – disconnect: delete in Nango, then the mapping
import { NextResponse } from "next/server";
import { z } from "zod";
import { confirmConnectEvent } from "@/lib/connections/confirm-connect-event";
import { disconnectUser } from "@/lib/connections/disconnect";
import { findUserConnection } from "@/lib/dal/connections/find-user-connection";
import { toConnectionView } from "@/lib/connections/view";
import { withUser } from "@/lib/http/handlers";

const connectEvent = z.object({ connectionId: z.string().min(1).max(256) }).strict();

export const GET = withUser(async (_request, user) => {
  const row = await findUserConnection(user.id);
  return NextResponse.json({ connection: row ? toConnectionView(row) : null });
});

export const POST = withUser(async (request, user) => {
  const { connectionId } = connectEvent.parse(await request.json());
  return NextResponse.json({ connection: await confirmConnectEvent(user, connectionId) });
});

export const DELETE = withUser(async (_request, user) => {
  const removed = await disconnectUser(user, user);
  return NextResponse.json({ disconnected: removed });
});
