// POST /api/graph/lifecycle – Microsoft Graph lifecycle events: reauthorizationRequired, subscriptionRemoved, missed
import type { NextRequest } from "next/server";
import { handleGraphCallback } from "@/lib/http/graph-callback";
import { withRequestId } from "@/lib/http/request-context";
import { lifecycleNotificationBody } from "@/lib/live/notification-schema";

export const POST = withRequestId((request: NextRequest) => handleGraphCallback(request, lifecycleNotificationBody));
