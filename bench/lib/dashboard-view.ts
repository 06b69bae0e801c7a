/** One dashboard request and the bench's verdict on it, shared by every scenario that loads it. */

export interface DashboardView {
  status: number;
  /** Complete: 200, both sections rendered, no error state, presence shown. */
  ok: boolean;
  html: string;
  ms: number;
}

export async function viewDashboard(appUrl: string, cookie: string, path = "/dashboard"): Promise<DashboardView> {
  const started = performance.now();
  const response = await fetch(`${appUrl}${path}`, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  const ms = performance.now() - started;
  const ok =
    response.status === 200 &&
    html.includes('aria-label="Joined teams"') &&
    html.includes('aria-label="Recent chats"') &&
    !html.includes("data-error-code=") &&
    !html.includes("Presence unavailable");
  return { status: response.status, ok, html, ms };
}

/** What went wrong on an incomplete dashboard: the error view's code, or the missing part. */
export function dashboardProblem(html: string): string {
  return /data-error-code="([^"]+)"/.exec(html)?.[1] ?? (html.includes("Presence unavailable") ? "presence" : "other");
}
