/**
 * 4. All chats at scale: a user with 5,000 chats (100 Graph pages of 50) opens
 * /chats in Chromium. Time to the first rows, time until every chat is listed, against
 * pages × one round trip, and the server's peak RSS growth (VmRSS of the app process).
 */
import type { Scenario } from "../lib/context";
import { naiveClient } from "../lib/naive";
import { rssMb } from "../lib/stack";
import { round, summarize } from "../lib/stats";

const CHATS = 5_000;
const PAGE = 50;
const LATENCY_MS = 80;

export const allChats: Scenario = {
  name: "all-chats",
  title: "All chats at scale",
  async run(ctx) {
    await ctx.control("/graph/dataset", { name: "large", chats: CHATS });
    try {
      await ctx.control("/latency", { service: "graph", fixedMs: LATENCY_MS });
      const naive = naiveClient(ctx.nango, ctx.integrationId, ctx.megan.connectionId);
      const rtt: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        await naive.roundTrip();
        rtt.push(performance.now() - started);
      }
      const roundTrip = summarize(rtt).median;
      const pages = Math.ceil(CHATS / PAGE);

      const user = ctx.freshUser();
      const browser = await ctx.browser();
      const context = await browser.newContext({ baseURL: ctx.appUrl });
      await context.addCookies([
        { name: user.cookie.split("=")[0]!, value: user.cookie.slice(user.cookie.indexOf("=") + 1), url: ctx.appUrl },
      ]);
      const page = await context.newPage();
      // Warm the route's code (not the data: this user's cache is empty).
      await page.goto("/connections");

      const baseline = rssMb(ctx.appPid);
      let peak = baseline;
      const sampler = setInterval(() => {
        try {
          peak = Math.max(peak, rssMb(ctx.appPid));
        } catch {
          // process gone: reported by the runner
        }
      }, 50);
      const started = performance.now();
      await page.goto("/chats", { waitUntil: "commit" });
      await page.locator('ul[aria-label="Chats"] > li').first().waitFor({ timeout: 30_000 });
      const firstRows = performance.now() - started;
      await page.getByText(`All ${CHATS} chats loaded.`).waitFor({ timeout: 120_000 });
      const total = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(ctx.appPid));
      const rows = await page.locator('ul[aria-label="Chats"] > li').count();
      await context.close();

      // The same 100 pages through the JSON route without a browser: what the server
      // and Graph cost, apart from rendering a growing list in the page.
      const apiUser = ctx.freshUser();
      const apiStarted = performance.now();
      let cursor: string | null = null;
      let apiPages = 0;
      const pageMs: number[] = [];
      do {
        const pageStarted = performance.now();
        const response = await fetch(
          `${ctx.appUrl}/api/chats${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
          { headers: { cookie: apiUser.cookie } },
        );
        const body = (await response.json()) as { cursor: string | null };
        pageMs.push(performance.now() - pageStarted);
        cursor = body.cursor;
        apiPages++;
      } while (cursor && apiPages < 200);
      const apiTotal = performance.now() - apiStarted;

      const growth = peak - baseline;
      const ideal = pages * roundTrip;
      return {
        goals: [
          {
            goal: "first rows ≈ one round trip (≤ 2×)",
            measured: `${round(firstRows)} ms = ${round(firstRows / roundTrip, 2)}× RTT ${roundTrip} ms`,
            pass: firstRows <= 2 * roundTrip,
          },
          {
            goal: "all chats ≈ pages × RTT (≤ 1.25×)",
            measured: `${round(total)} ms for ${rows} chats = ${round(total / ideal, 2)}× (${pages} × ${roundTrip} ms)`,
            pass: total <= 1.25 * ideal && rows === CHATS,
          },
          {
            goal: "peak server RSS growth < 100 MB",
            measured: `+${round(growth)} MB (${round(baseline)} → ${round(peak)} MB)`,
            pass: growth < 100,
          },
        ],
        data: {
          chats: CHATS,
          pages,
          roundTripMs: roundTrip,
          firstRowsMs: round(firstRows),
          totalMs: round(total),
          idealMs: round(ideal),
          rows,
          rssBaselineMb: round(baseline),
          rssPeakMb: round(peak),
          rssGrowthMb: round(growth),
          apiOnly: { pages: apiPages, totalMs: round(apiTotal), pageMs: summarize(pageMs) },
        },
        notes: [
          `without a browser the same ${apiPages} pages take ${round(apiTotal)} ms (${round(apiTotal / ideal, 2)}× pages × RTT, median ${summarize(pageMs).median} ms a page): the rest of the in-page time is the browser re-rendering the growing list`,
        ],
      };
    } finally {
      await ctx.control("/graph/dataset", { name: "demo" });
    }
  },
};
