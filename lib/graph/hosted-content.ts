import "server-only";
import { AppError } from "@/lib/errors";
import { graphConnectionFor } from "./connection";
import { messagePath, type MessageRef } from "./message-target";
import { graphRequest } from "./request";

/** Only images are served back (an inline image is all the page shows). */
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export interface HostedContent {
  bytes: Buffer;
  contentType: string;
}

/** The bytes of a message's inline image, read through the Nango proxy (never cached here). */
export async function getHostedContent(userId: string, ref: MessageRef, hostedId: string): Promise<HostedContent> {
  const connection = await graphConnectionFor(userId);
  const { data, contentType } = await graphRequest<ArrayBuffer>(connection, {
    endpoint: `${messagePath(ref)}/hostedContents/${encodeURIComponent(hostedId)}/$value`,
    responseType: "arraybuffer",
  });
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!IMAGE_TYPES.has(type)) throw new AppError("not_found", "This message content is not an image.");
  return { bytes: Buffer.from(data), contentType: type };
}
