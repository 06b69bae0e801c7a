import "server-only";
import { after, NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { startLiveUpkeep } from "@/lib/live/maintain";
import type { changeNotificationBody, lifecycleNotificationBody } from "@/lib/live/notification-schema";
import { processNotifications } from "@/lib/live/process";
import { receiveNotifications } from "@/lib/live/receive";
import { errorResponse } from "./respond";
import { readTextCapped } from "./read-body";

/** Graph's batches are far smaller; anything larger is not from Graph. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Graph's validation tokens are a few hundred characters. */
const MAX_TOKEN_CHARS = 4_096;

const plain = (text: string, status = 200) =>
  new NextResponse(text, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      // The token is the caller's text: never let a browser read it as HTML.
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });

const invalid = (message: string, status = 400) =>
  NextResponse.json({ error: { code: status === 413 ? "payload_too_large" : "invalid_input", message } }, { status });

/**
 * Microsoft Graph's calls to the app (unauthenticated: each item proves itself with its
 * subscription's clientState):
 * - `?validationToken=…`: the handshake before a subscription is created, answered at
 *   once with the token as plain text (Graph waits 10 s at most);
 * - a batch of notifications: checked and stored, answered 202, and processed after the
 *   answer (`after`), so Graph never waits for our reads of the messages.
 */
export async function handleGraphCallback(
  request: NextRequest,
  schema: typeof changeNotificationBody | typeof lifecycleNotificationBody,
): Promise<NextResponse> {
  const token = request.nextUrl.searchParams.get("validationToken");
  if (token !== null) {
    if (token.length === 0 || token.length > MAX_TOKEN_CHARS) return invalid("The validation token is not valid.");
    return plain(token);
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return invalid("Body too large.", 413);
  const raw = await readTextCapped(request, MAX_BODY_BYTES);
  if (raw === null) return invalid("Body too large.", 413);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return invalid("The body is not JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return invalid("The body is not a Microsoft Graph notification.");
  try {
    const received = await receiveNotifications((parsed.data as z.infer<typeof schema>).value);
    startLiveUpkeep();
    if (received.ids.length > 0) after(() => processNotifications(received.ids));
    return new NextResponse(null, { status: 202 });
  } catch (error) {
    // Not stored: a 5xx makes Graph deliver it again.
    return errorResponse(error);
  }
}
