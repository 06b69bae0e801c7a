/**
 * Delegated scopes that allow each message operation (any one is enough), from the
 * "Permissions" tables of Microsoft's Graph v1.0 reference: list/get chatMessage,
 * chat-post-messages / chatmessage-post, chatmessage-setreaction / -unsetreaction,
 * chatmessagehostedcontent-get.
 */
export const CHAT_MESSAGES = ["Chat.Read", "Chat.ReadWrite", "ChatMessage.Read"];
export const CHANNEL_MESSAGES = [
  "ChannelMessage.Read.All",
  "ChannelMessage.ReadWrite",
  "Group.Read.All",
  "Group.ReadWrite.All",
];

/** Least privileged ChatMessage.Send; Chat.ReadWrite and Group.ReadWrite.All also allow it. */
export const CHAT_SEND = ["ChatMessage.Send", "Chat.ReadWrite", "Group.ReadWrite.All"];
/** New channel messages and replies: ChannelMessage.Send; Group.ReadWrite.All (backward compatibility). */
export const CHANNEL_SEND = ["ChannelMessage.Send", "Group.ReadWrite.All"];

export const CHAT_REACT = ["Chat.ReadWrite", "ChatMessage.Send"];
export const CHANNEL_REACT = ["ChannelMessage.Send"];
