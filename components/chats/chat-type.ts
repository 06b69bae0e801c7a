/** How a chat's Graph type reads to a person. */
export const CHAT_TYPE_LABEL = {
  oneOnOne: "1:1 chat",
  group: "Group chat",
  meeting: "Meeting chat",
  unknown: "Chat",
} as const;
