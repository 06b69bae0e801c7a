// POST /api/webhooks/nango – Nango's signed webhooks (auth: creation, override, refresh failure)
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { readTextCapped } from "@/lib/http/read-body";
import { withRequestId } from "@/lib/http/request-context";
import { errorResponse } from "@/lib/http/respond";
import { logger } from "@/lib/logger";
import { nango } from "@/lib/nango/client";
import { handleNangoWebhook } from "@/lib/webhooks/handle-nango-webhook";

/** Nango's webhook bodies are small; anything larger is not from Nango. */
const MAX_BODY_BYTES = 256 * 1024;

export const POST = withRequestId(async (request: NextRequest) => {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return tooLarge();
  // The signature covers the exact bytes received, so read the raw body before parsing;
  // a chunked body with no Content-Length is cut off at the limit, not buffered whole.
  const raw = await readTextCapped(request, MAX_BODY_BYTES);
  if (raw === null) return tooLarge();
  const headers = Object.fromEntries(request.headers.entries());
  if (!nango.verifyIncomingWebhookRequest(raw, headers)) {
    logger.warn("rejected webhook with a missing or invalid signature");
    return NextResponse.json(
      { error: { code: "invalid_signature", message: "Invalid or missing webhook signature." } },
      { status: 401 },
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return NextResponse.json({ error: { code: "invalid_input", message: "The body is not JSON." } }, { status: 400 });
  }
  try {
    const outcome = await handleNangoWebhook(raw, payload);
    logger.info("nango webhook", { outcome });
    return NextResponse.json({ ok: true, outcome });
  } catch (error) {
    if (error instanceof ZodError) return errorResponse(error);
    logger.error("webhook processing failed; Nango will retry", { error });
    return NextResponse.json({ error: { code: "upstream_unavailable", message: "Try again later." } }, { status: 503 });
  }
});

function tooLarge() {
  return NextResponse.json(
    { error: { code: "payload_too_large", message: "Webhook body too large." } },
    { status: 413 },
  );
}
