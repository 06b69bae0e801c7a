/**
 * The load of the throttled and scale-out scenarios: every load user presses the
 * dashboard's Refresh (`/dashboard?refresh=1`), waits `thinkMs` after the page has fully
 * arrived, and again, until `seconds` are up. Users start spread over one think time; with
 * several app URLs each user alternates between them (a load balancer without affinity).
 */
import type { BenchContext } from "./context";
import { dashboardProblem, viewDashboard } from "./dashboard-view";
import { sleep } from "./stats";

export interface RefreshLoad {
  elapsedS: number;
  views: number;
  /** Pages that were not complete (unanswered ones included). */
  pagesWithErrors: number;
  /** Pages without channel counts (a degraded answer, not an error). */
  degradedViews: number;
  /** No HTTP answer at all. */
  unanswered: number;
  http5xx: number;
  errorSamples: string[];
  latenciesMs: number[];
}

export async function refreshLoad(
  ctx: BenchContext,
  { urls = [ctx.appUrl], seconds, thinkMs }: { urls?: string[]; seconds: number; thinkMs: number },
): Promise<RefreshLoad> {
  const result: RefreshLoad = {
    elapsedS: 0,
    views: 0,
    pagesWithErrors: 0,
    degradedViews: 0,
    unanswered: 0,
    http5xx: 0,
    errorSamples: [],
    latenciesMs: [],
  };
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    ctx.loadUsers.map(async (user, i) => {
      await sleep((i * thinkMs) / ctx.loadUsers.length);
      for (let n = i; performance.now() < until; n++) {
        const view = await viewDashboard(urls[n % urls.length]!, user.cookie, "/dashboard?refresh=1").catch(() => null);
        result.views++;
        if (!view) {
          result.unanswered++;
          result.pagesWithErrors++;
        } else {
          result.latenciesMs.push(view.ms);
          if (view.status >= 500) result.http5xx++;
          if (!view.ok) {
            result.pagesWithErrors++;
            if (result.errorSamples.length < 5) result.errorSamples.push(dashboardProblem(view.html));
          }
          if (view.html.includes("Channel count unavailable")) result.degradedViews++;
        }
        await sleep(thinkMs);
      }
    }),
  );
  result.elapsedS = (performance.now() - started) / 1000;
  return result;
}
