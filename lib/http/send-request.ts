import "server-only";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import type { MessageTarget } from "@/lib/graph/message-target";
import { idempotencyKeySchema } from "@/lib/messages/idempotency";
import { sendBodySchema, sendMessage } from "@/lib/messages/send-message";
import { rateLimit } from "./rate-limit";
import { readTextCapped } from "./read-body";

/** Room for 28,000 characters of text (up to 4 bytes each) plus the mentions. */
const MAX_BODY_BYTES = 128 * 1024;

/**
 * A message POST: rate limited per user, `Idempotency-Key` required, JSON body capped and
 * validated (`{ content, mentions? }`), answered 201 with the message. Bad input is a
 * 400 before anything reaches Microsoft.
 */
export async function handleSend(request: NextRequest, userId: string, target: MessageTarget): Promise<NextResponse> {
  await rateLimit("send-message", userId, { capacity: 60, refillPerMinute: 60 });
  const key = idempotencyKeySchema.parse(request.headers.get("idempotency-key") ?? undefined);
  const text = await readTextCapped(request, MAX_BODY_BYTES);
  if (text === null) throw new AppError("payload_too_large", "The message is too large to send.");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", 'The body must be JSON: {"content": "…"}.');
  }
  const message = await sendMessage(userId, target, sendBodySchema.parse(json), key);
  return NextResponse.json(message, { status: 201, headers: { "cache-control": "private, no-store" } });
}
