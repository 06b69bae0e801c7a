// POST /api/graph/notifications – Microsoft Graph change notifications (and their validation handshake)
import type { NextRequest } from "next/server";
import { handleGraphCallback } from "@/lib/http/graph-callback";
import { changeNotificationBody } from "@/lib/live/notification-schema";

export function POST(request: NextRequest) {
  return handleGraphCallback(request, changeNotificationBody);
}
