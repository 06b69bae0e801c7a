// POST /api/graph/notifications – Microsoft Graph change notifications (and their validation handshake)
import type { NextRequest } from "next/server";
import { handleGraphCallback } from "@/lib/http/graph-callback";
import { withRequestId } from "@/lib/http/request-context";
import { changeNotificationBody } from "@/lib/live/notification-schema";

export const POST = withRequestId((request: NextRequest) => handleGraphCallback(request, changeNotificationBody));
