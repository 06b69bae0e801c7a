// GET /api/live?topic=chat/<id>&topic=channel/<team>/<channel>&topic=dashboard – the user's live updates (Server-Sent Events)
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http/handlers";
import { openLiveStream } from "@/lib/live/stream";
import { parseTopicKey } from "@/lib/live/topics";

export const dynamic = "force-dynamic";

/** A page follows one conversation, or the dashboard; a few more is generous. */
const MAX_TOPICS = 10;

export const GET = withUser(async (request, user) => {
  // 204 tells EventSource to stop reconnecting: this deployment keeps pages as snapshots.
  if (env.LIVE_UPDATES === "off") return new NextResponse(null, { status: 204 });
  const keys = request.nextUrl.searchParams.getAll("topic");
  if (keys.length === 0 || keys.length > MAX_TOPICS)
    throw new AppError("invalid_input", `Name 1 to ${MAX_TOPICS} topics to follow.`);
  const topics = keys.map((key) => {
    const topic = parseTopicKey(key);
    if (!topic) throw new AppError("invalid_input", "A topic is not valid.");
    return topic;
  });
  return openLiveStream(user.id, topics, request.signal);
});
