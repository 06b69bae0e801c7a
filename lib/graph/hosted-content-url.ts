/**
 * Inline images in Teams messages point at Graph (`…/hostedContents/{id}/$value`), which
 * needs the user's token. The page shows them through our own route instead, which
 * fetches them through the Nango proxy: the browser never holds a token.
 * Shared by the sanitiser (rewriting `src`) and the routes (validating the ids).
 */
import { isGraphId } from "./ids";

const HOSTED =
  /^https:\/\/graph\.microsoft\.com\/(?:v1\.0|beta)\/(?:chats\/([^/?#]+)\/messages\/([^/?#]+)|teams\/([^/?#]+)\/channels\/([^/?#]+)\/messages\/([^/?#]+)(?:\/replies\/([^/?#]+))?)\/hostedContents\/([^/?#]+)\/\$value$/i;

/** Hosted content ids are base64 (with `+`, `/`, `=`) in real Graph, a few hundred characters long. */
const HOSTED_ID = /^[A-Za-z0-9+/=_.:-]{1,2048}$/;

export function isHostedContentId(value: string): boolean {
  return HOSTED_ID.test(value) && !value.includes("..");
}

function decoded(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const enc = encodeURIComponent;

/** Our route for a Graph hosted-content URL, or null for any other image (not shown). */
export function localHostedContentUrl(src: string | undefined): string | null {
  const match = HOSTED.exec(src ?? "");
  if (!match) return null;
  const [chatId, chatMessageId, teamId, channelId, channelMessageId, replyId, hostedId] = match.slice(1).map(decoded);
  if (!hostedId || !isHostedContentId(hostedId)) return null;
  const ids = [chatId, chatMessageId, teamId, channelId, channelMessageId, replyId].filter((id) => id !== undefined);
  if (!ids.every(isGraphId)) return null;
  if (chatId && chatMessageId)
    return `/api/chats/${enc(chatId)}/messages/${enc(chatMessageId)}/hosted-contents/${enc(hostedId)}`;
  const post = `/api/teams/${enc(teamId!)}/channels/${enc(channelId!)}/messages/${enc(channelMessageId!)}`;
  return `${post}${replyId ? `/replies/${enc(replyId)}` : ""}/hosted-contents/${enc(hostedId)}`;
}
