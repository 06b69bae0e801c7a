/**
 * Stores a new message in the overlay: what the write API and `post-as` share. Posted
 * images get their Graph hostedContents URL in place of `../hostedContents/{temporaryId}/$value`.
 */
import { hostedImage, inlineImageHtml, messagePath, PUBLIC_GRAPH, type MessagePlace } from "../../data/hosted-content";
import type { HostedContentRecord } from "../../data/types";
import type { MessageInput } from "./message-input";
import { channelKey, chatKey, repliesKey, type ContainerKey, type Overlay, type WrittenMessage } from "./overlay";

export function containerOf(place: MessagePlace): ContainerKey {
  if ("chatId" in place) return chatKey(place.chatId);
  return place.replyToId ? repliesKey(place.channelId, place.replyToId) : channelKey(place.channelId);
}

export function createMessage(
  overlay: Overlay,
  place: MessagePlace,
  fromId: string,
  input: MessageInput,
  options: { via: WrittenMessage["via"]; hostedImage?: boolean },
): WrittenMessage {
  const { id, at } = overlay.nextId();
  const hostedContents: HostedContentRecord[] = [];
  let html = input.html;
  for (const image of input.images) {
    const content = hostedImage(`posted:${id}:${image.temporaryId}`, { base64: image.base64 });
    content.contentType = image.contentType;
    hostedContents.push(content);
    const url = `${PUBLIC_GRAPH}${messagePath(place, id)}/hostedContents/${content.id}/$value`;
    html = html.split(`../hostedContents/${image.temporaryId}/$value`).join(url);
  }
  if (options.hostedImage) {
    const content = hostedImage(`post-as:${id}`);
    hostedContents.push(content);
    html = `${html}\n${inlineImageHtml(place, id, content)}`;
  }
  const isRoot = !("chatId" in place) && !place.replyToId;
  const message: WrittenMessage = {
    id,
    replyToId: "chatId" in place ? null : (place.replyToId ?? null),
    fromId,
    createdDateTime: at,
    // Only channel root messages have subjects.
    subject: isRoot ? input.subject : null,
    html,
    contentType: input.contentType,
    mentions: input.mentions,
    attachments: [],
    replyCount: 0,
    hostedContents,
    via: options.via,
  };
  overlay.add(containerOf(place), message);
  return message;
}
