/** One dashboard request and the bench's verdict on it, shared by every scenario that loads it. */

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
  const started = performance.now();
  const response = await fetch(`${appUrl}${path}`, { headers: { cookie }, redirect: "manual" });
  // Read as it streams: a streamed section is shown the moment its chunk arrives.
  let html = "";
  let firstPaintMs: number | null = null;
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    html += decoder.decode(read.value, { stream: true });
    if (firstPaintMs === null && html.includes(TEAMS) && html.includes(CHATS))
      firstPaintMs = performance.now() - started;
  }
  html += decoder.decode();
  const ms = performance.now() - started;
  const ok =
    response.status === 200 &&
    html.includes(TEAMS) &&
    html.includes(CHATS) &&
    !html.includes("data-error-code=") &&
    !html.includes("Presence unavailable");
  return { status: response.status, ok, html, ms, firstPaintMs };
}

const TEAMS = 'aria-label="Joined teams"';
const CHATS = 'aria-label="Recent chats"';

/** What went wrong on an incomplete dashboard: the error view's code, or the missing part. */
export function dashboardProblem(html: string): string {
  return /data-error-code="([^"]+)"/.exec(html)?.[1] ?? (html.includes("Presence unavailable") ? "presence" : "other");
}
