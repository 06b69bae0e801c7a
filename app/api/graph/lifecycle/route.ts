// POST /api/graph/lifecycle – Microsoft Graph lifecycle events: reauthorizationRequired, subscriptionRemoved, missed
import type { NextRequest } from "next/server";
import { handleGraphCallback } from "@/lib/http/graph-callback";
import { lifecycleNotificationBody } from "@/lib/live/notification-schema";

export function POST(request: NextRequest) {
  return handleGraphCallback(request, lifecycleNotificationBody);
}
