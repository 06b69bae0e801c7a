/**
 * What the scale-out scenario measures of one run: the refresh load through both
 * instances while the emulator's counters are sampled about once a second (the highest
 * rate any class was sent at), and the figures derived from the counters: requests
 * sent and refused (429), goodput against the limit, pages with errors.
 */
import type { BenchContext } from "../lib/context";
import { refreshLoad, type RefreshLoad } from "../lib/refresh-load";
import { round, sleep, summarize } from "../lib/stats";
import { rate, type ClassName, type Throttling } from "../lib/throttling";

export interface MeasuredLoad extends RefreshLoad {
  /** Highest rate over any ~1 s sample: Graph requests the tenant sent (admitted + 429), by class. */
  peakAttemptsPerSecond: Partial<Record<ClassName, number>>;
  /** How long new page views were started (the load's window). */
  loadS: number;
  /** Admitted and refused Graph requests per second, per ~1 s sample (all classes). */
  series: Array<{ atS: number; admitted: number; refused: number }>;
  before: Throttling;
  /** When the load stopped starting new page views (pages in flight still finish). */
  atEnd: Throttling;
  after: Throttling;
}

const sent = (t: Throttling, cls: ClassName) => (t.admitted.byClass[cls] ?? 0) + (t.throttled.byClass[cls] ?? 0);

/** The refresh load on `urls` for `seconds`; `during` is called every 500 ms meanwhile. */
export async function measuredLoad(
  ctx: BenchContext,
  { urls, seconds, thinkMs }: { urls: string[]; seconds: number; thinkMs: number },
  during?: (elapsedS: number) => Promise<void>,
): Promise<MeasuredLoad> {
  const before = await ctx.control<Throttling>("/graph/throttling");
  const peak: Partial<Record<ClassName, number>> = {};
  const series: MeasuredLoad["series"] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  const sampler = (async () => {
    let previous = { at: performance.now(), counters: before };
    while (performance.now() < until) {
      await sleep(1000);
      const now = { at: performance.now(), counters: await ctx.control<Throttling>("/graph/throttling") };
      const elapsed = (now.at - previous.at) / 1000;
      for (const cls of Object.keys(now.counters.limits) as ClassName[]) {
        const perSecond = (sent(now.counters, cls) - sent(previous.counters, cls)) / elapsed;
        peak[cls] = round(Math.max(peak[cls] ?? 0, perSecond), 1);
      }
      series.push({
        atS: round((now.at - started) / 1000),
        admitted: round((now.counters.admitted.total - previous.counters.admitted.total) / elapsed),
        refused: round((now.counters.throttled.total - previous.counters.throttled.total) / elapsed),
      });
      previous = now;
    }
  })();
  const atEnd = sleep(seconds * 1000).then(() => ctx.control<Throttling>("/graph/throttling"));
  const watcher = (async () => {
    while (during && performance.now() < until) {
      await sleep(500);
      await during((performance.now() - started) / 1000);
    }
  })();
  const load = await refreshLoad(ctx, { urls, seconds, thinkMs });
  await Promise.all([sampler, watcher]);
  const after = await ctx.control<Throttling>("/graph/throttling");
  return { ...load, loadS: seconds, peakAttemptsPerSecond: peak, series, before, atEnd: await atEnd, after };
}

export type Figures = ReturnType<typeof figures>;

export function figures(result: MeasuredLoad, limits: Throttling["limits"], limit: number) {
  const admitted = result.after.admitted.total - result.before.admitted.total;
  const refused = result.after.throttled.total - result.before.throttled.total;
  const goodput = admitted / result.elapsedS;
  // While the load ran: the drain afterwards (pages in flight, no new ones) only lowers the rate.
  const windowAdmitted = (cls: ClassName) =>
    ((result.atEnd.admitted.byClass[cls] ?? 0) - (result.before.admitted.byClass[cls] ?? 0)) / result.loadS;
  const delta = (pick: (t: Throttling) => Partial<Record<ClassName, number>>, cls: ClassName) =>
    (pick(result.after)[cls] ?? 0) - (pick(result.before)[cls] ?? 0);
  const classes = Object.keys(limits) as ClassName[];
  const byClass = Object.fromEntries(
    classes.map((cls) => [
      cls,
      {
        admittedPerSecond: round(delta((t) => t.admitted.byClass, cls) / result.elapsedS),
        refused429: delta((t) => t.throttled.byClass, cls),
        limitPerSecond: rate(limits[cls]),
      },
    ]),
  ) as Record<ClassName, { admittedPerSecond: number; refused429: number; limitPerSecond: number }>;
  const share = (cls: ClassName) => byClass[cls].admittedPerSecond / byClass[cls].limitPerSecond;
  // The class the dashboard runs out of first (channels: one request per team).
  const binding = classes.reduce((a, b) => (share(b) > share(a) ? b : a));
  const peakRatio = Math.max(
    ...(Object.entries(result.peakAttemptsPerSecond) as Array<[ClassName, number]>).map(
      ([cls, n]) => n / rate(limits[cls]),
    ),
  );
  return {
    attemptsPerSecond: round((admitted + refused) / result.elapsedS),
    goodputPerSecond: round(goodput),
    goodputFraction: round(goodput / limit, 3),
    refused429: refused,
    peakClassRatio: round(peakRatio, 2),
    byClass,
    bindingClass: binding,
    bindingGoodputFraction: round(share(binding), 3),
    /** The binding class's goodput while the load ran, before the drain. */
    bindingGoodputFractionUnderLoad: round(windowAdmitted(binding) / byClass[binding].limitPerSecond, 3),
    peakAttemptsPerSecond: result.peakAttemptsPerSecond,
    views: result.views,
    pagesWithErrors: result.pagesWithErrors,
    degradedViews: result.degradedViews,
    http5xx: result.http5xx + result.unanswered,
    errorSamples: result.errorSamples,
    viewMs: summarize(result.latenciesMs),
    series: result.series,
  };
}

/** One line for the report table. */
export function describe(f: Figures, limit: number): string {
  const refusedByClass =
    Object.entries(f.byClass)
      .filter(([, c]) => c.refused429 > 0)
      .map(([cls, c]) => `${cls} ${c.refused429}`)
      .join(", ") || "none";
  const binding = f.byClass[f.bindingClass];
  return (
    `sent ${f.attemptsPerSecond} req/s, ${f.refused429} × 429 (${refusedByClass}); ` +
    `${f.bindingClass} ${binding.admittedPerSecond} of ${binding.limitPerSecond}/s = ${round(f.bindingGoodputFraction * 100)}% ` +
    `(${round(f.bindingGoodputFractionUnderLoad * 100)}% while the load ran), ` +
    `all classes ${f.goodputPerSecond} of ${round(limit)} req/s = ${round(f.goodputFraction * 100)}%; ` +
    `${f.pagesWithErrors} of ${f.views} pages with errors${f.degradedViews ? `, ${f.degradedViews} without channel counts` : ""}`
  );
}
