/**
 * Images Teams hosts inside messages. Graph writes them into the body as
 * `<img src="https://graph.microsoft.com/v1.0/{message path}/hostedContents/{id}/$value" … itemid="…">`
 * (captured from real messages), where `{id}` is base64 of
 * `id=x_{itemid},type=1,url=https://us-api.asm.skype.com/v1/objects/{itemid}/views/imgo`.
 * The URL names graph.microsoft.com even in the emulator, as it does in production: a
 * client must fetch it through its own Graph transport (the Nango proxy), never directly.
 */
import { createHash } from "node:crypto";
import { pngImage } from "./png";
import type { HostedContentRecord } from "./types";

export const PUBLIC_GRAPH = "https://graph.microsoft.com/v1.0";

/** Where a message lives, as Graph paths it. */
export type MessagePlace = { chatId: string } | { teamId: string; channelId: string; replyToId?: string | null };

export function messagePath(place: MessagePlace, messageId: string): string {
  if ("chatId" in place) return `/chats/${place.chatId}/messages/${messageId}`;
  const base = `/teams/${place.teamId}/channels/${place.channelId}/messages`;
  return place.replyToId ? `${base}/${place.replyToId}/replies/${messageId}` : `${base}/${messageId}`;
}

/** A hosted image whose id and itemid derive from `seed` (deterministic). */
export function hostedImage(seed: string, source: HostedContentRecord["source"] = { seed }): HostedContentRecord {
  // Ids go into URL paths: keep to seeds whose base64 has no '/' or '+' (real ids rarely do).
  for (let attempt = 0; ; attempt++) {
    const hex = createHash("sha256").update(`${seed}#${attempt}`).digest("hex").slice(0, 32);
    const itemId = `0-wus-d4-${hex}`;
    const id = Buffer.from(
      `id=x_${itemId},type=1,url=https://us-api.asm.skype.com/v1/objects/${itemId}/views/imgo`,
    ).toString("base64");
    if (!/[/+]/.test(id)) return { id, itemId, contentType: "image/png", source };
  }
}

export function hostedBytes(content: HostedContentRecord): Buffer {
  return "seed" in content.source ? pngImage(content.source.seed) : Buffer.from(content.source.base64, "base64");
}

/** The paragraph Teams writes for a pasted image. */
export function inlineImageHtml(place: MessagePlace, messageId: string, content: HostedContentRecord): string {
  const src = `${PUBLIC_GRAPH}${messagePath(place, messageId)}/hostedContents/${content.id}/$value`;
  return `<p><img src="${src}" width="250" height="188" alt="image" itemid="${content.itemId}"></p>`;
}
