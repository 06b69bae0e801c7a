/** One dashboard request and the bench's verdict on it, shared by every scenario that loads it. */
import { readStreamed } from "./stream-timing";

export interface DashboardView {
  status: number;
  /** Complete: 200, both sections rendered, no error state, presence shown. */
  ok: boolean;
  html: string;
  /** Until the whole response (every streamed section) had arrived. */
  ms: number;
  /** Until the teams and recent chats were in the HTML received so far (null: never). */
  firstPaintMs: number | null;
}

export async function viewDashboard(appUrl: string, cookie: string, path = "/dashboard"): Promise<DashboardView> {
  const { status, html, ms, markersMs } = await readStreamed(`${appUrl}${path}`, cookie, [TEAMS, CHATS]);
  const ok =
    status === 200 &&
    html.includes(TEAMS) &&
    html.includes(CHATS) &&
    !html.includes("data-error-code=") &&
    !html.includes("Presence unavailable");
  return { status, ok, html, ms, firstPaintMs: markersMs };
}

const TEAMS = 'aria-label="Joined teams"';
const CHATS = 'aria-label="Recent chats"';

/** What went wrong on an incomplete dashboard: the error view's code, or the missing part. */
export function dashboardProblem(html: string): string {
  return /data-error-code="([^"]+)"/.exec(html)?.[1] ?? (html.includes("Presence unavailable") ? "presence" : "other");
}
