/**
 * The demo dataset's messages with an inline image (Graph hostedContents), so the app's
 * image handling has something real to render: the newest message of Megan's most recent
 * chat, and the newest message of the General channel of her first active team, each
 * sent by someone else. Deterministic like the rest of the data; listed by
 * `GET /_emulator/graph/dataset` (`imageSeeds`).
 */
import type { Dataset } from "./dataset";
import { DEMO_MICROSOFT_ACCOUNTS } from "./demo-accounts";
import { hostedImage, inlineImageHtml, type MessagePlace } from "./hosted-content";
import type { MessageRecord } from "./types";

export interface ImageSeedTargets {
  chatId: string;
  teamId: string;
  channelId: string;
  /** The user the seeds are for (Megan); the images come from someone else. */
  focusId: string;
}

export function imageSeedTargets(dataset: Dataset): ImageSeedTargets | null {
  const focus = dataset.usersByEmail.get(DEMO_MICROSOFT_ACCOUNTS.megan.email);
  if (!focus) return null;
  const chat = dataset.chatsOf(focus.id)[0];
  const team = dataset.teamsOf(focus.id).find((candidate) => !candidate.isArchived);
  const channel = team?.channels[0];
  if (!chat || !team || !channel) return null;
  return { chatId: chat.id, teamId: team.id, channelId: channel.id, focusId: focus.id };
}

const CAPTIONS = {
  chat: "<p>Here is the mock-up we talked about.</p>",
  channel: "<p>Screenshot of the new landing page, comments welcome.</p>",
};

/** Turns the newest message of a seeded container into an image message (a copy; the input is not changed). */
export function withSeededImage(
  targets: ImageSeedTargets | null,
  place: MessagePlace,
  members: string[],
  messages: MessageRecord[],
): MessageRecord[] {
  if (!targets || messages.length === 0) return messages;
  const isChat = "chatId" in place && place.chatId === targets.chatId;
  const isChannel = "channelId" in place && !place.replyToId && place.channelId === targets.channelId;
  if (!isChat && !isChannel) return messages;
  const [newest, ...rest] = messages as [MessageRecord, ...MessageRecord[]];
  const fromId = members.find((id) => id !== targets.focusId) ?? newest.fromId;
  const image = hostedImage(`image-seed:${isChat ? targets.chatId : targets.channelId}:${newest.id}`);
  const seeded: MessageRecord = {
    ...newest,
    fromId,
    html: `${CAPTIONS[isChat ? "chat" : "channel"]}\n${inlineImageHtml(place, newest.id, image)}`,
    mentions: [],
    attachments: [],
    hostedContents: [image],
  };
  return [seeded, ...rest];
}
