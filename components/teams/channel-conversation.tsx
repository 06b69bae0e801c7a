"use client";

import { useCallback } from "react";
import type { MessageView, Paged } from "@/lib/graph/types";
import { LiveIndicator } from "@/components/live/live-indicator";
import { useConversationLive } from "@/components/live/use-conversation-live";
import { topicKey } from "@/lib/live/topic-key";
import { Composer } from "@/components/chats/composer";
import { LoadOlder } from "@/components/chats/load-older";
import { MessageItem } from "@/components/chats/message-item";
import { PendingMessage } from "@/components/chats/pending-message";
import { ThreadReplies } from "@/components/chats/thread-replies";
import { useMessagePages } from "@/components/chats/use-message-pages";
import { useSendMessage } from "@/components/chats/use-send-message";

/**
 * A channel as Teams' threaded channels show it: "New post" at the top, posts newest
 * first, each with its thread and a Reply box, "Load older" at the end.
 */
export function ChannelConversation({
  teamId,
  channelId,
  initial,
}: {
  teamId: string;
  channelId: string;
  initial: Paged<MessageView>;
}) {
  const apiUrl: `/api/${string}` = `/api/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}/messages`;
  const pages = useMessagePages(initial, apiUrl);
  const { add } = pages;
  const onSent = useCallback((message: MessageView) => add(message), [add]);
  const sender = useSendMessage({ url: apiUrl, onSent, reload: pages.reload });
  const pending = sender.status.kind === "sending" ? sender.status.draft : null;
  const live = useConversationLive(topicKey({ kind: "channel", teamId, channelId }), pages);

  return (
    <div className="min-w-0">
      <Composer
        label="New post"
        placeholder="Start a post"
        submitLabel="Post"
        sender={sender}
        pickerPlacement="below"
      />
      <LiveIndicator state={live} />
      {pages.messages.length === 0 && !pending ? (
        <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">No posts yet.</p>
      ) : null}
      <ol aria-label="Channel messages" className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
        {pending ? (
          <li>
            <PendingMessage draft={pending} />
          </li>
        ) : null}
        {pages.messages.map((message) => {
          const url: `/api/${string}` = `${apiUrl}/${encodeURIComponent(message.id)}`;
          return (
            <li key={message.id}>
              <MessageItem message={message} url={url}>
                {message.isSystem && !message.replies?.length ? null : (
                  <ThreadReplies
                    url={url}
                    initial={message.replies}
                    canReply={!message.isDeleted && !message.isSystem}
                  />
                )}
              </MessageItem>
            </li>
          );
        })}
      </ol>
      <div className="mt-4">
        <LoadOlder
          more={!!pages.cursor}
          loading={pages.loading}
          error={pages.error}
          onLoad={() => void pages.loadOlder()}
        />
      </div>
    </div>
  );
}
