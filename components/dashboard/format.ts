/** Dates in one fixed zone, so server and client render the same text. */
const formatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : `${formatter.format(date)} UTC`;
}

export const CHAT_TYPE_LABEL = { oneOnOne: "1:1 chat", group: "Group chat", meeting: "Meeting chat", unknown: "Chat" } as const;
