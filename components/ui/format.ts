/** Dates in one fixed zone, so server and client render the same text. */
const formatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "1 Dec 2026, 19:53 UTC"; empty for a missing or invalid date. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : `${formatter.format(date)} UTC`;
}

/** "2026-12-01 19:53 UTC": compact, sortable, for admin tables. Identical on server and browser. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** "1 channel", "3 channels"; `plural` for irregular words. */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
