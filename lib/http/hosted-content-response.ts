import "server-only";
import { AppError } from "@/lib/errors";
import { getHostedContent } from "@/lib/graph/hosted-content";
import { isHostedContentId } from "@/lib/graph/hosted-content-url";
import type { MessageRef } from "@/lib/graph/message-target";
import { decodeParam } from "@/lib/graph/ids";

/**
 * An inline image as the browser gets it: private to the user (cached by the browser
 * only), never sniffed, never run (its own CSP sandbox).
 */
export async function hostedContentResponse(userId: string, ref: MessageRef, rawHostedId: string): Promise<Response> {
  const hostedId = decodeParam(rawHostedId);
  if (!isHostedContentId(hostedId)) throw new AppError("invalid_input", "The image id is not valid.");
  const { bytes, contentType } = await getHostedContent(userId, ref, hostedId);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": contentType,
      "content-length": String(bytes.byteLength),
      "cache-control": "private, max-age=3600",
      "content-security-policy": "default-src 'none'; sandbox",
      "x-content-type-options": "nosniff",
    },
  });
}
