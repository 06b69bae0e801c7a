/**
 * Live-update latency (issue 17, item 5): Megan has a chat open in Chromium; someone
 * else posts through the emulator; how long until the message is in her page. The path:
 * Graph's notification to the app, the app's read of the message through the Nango
 * proxy (one Graph round trip), the fan-out and the page's event stream. Goal: ≤ 1 s +
 * 1 RTT, p50 and p95 reported.
 */
import type { Scenario } from "../lib/context";
import { naiveClient } from "../lib/naive";
import { round, summarize } from "../lib/stats";

const LATENCY_MS = 80;
const POSTS = 20;

interface Seeds {
  chat: { chatId: string; otherMemberEmail: string };
}

export const liveLatency: Scenario = {
  name: "live-latency",
  title: "Live update: emulated post → visible in the open chat",
  async run(ctx) {
    await ctx.control("/graph/dataset", { name: "demo" });
    await ctx.control("/latency", { service: "graph", fixedMs: LATENCY_MS });
    const naive = naiveClient(ctx.nango, ctx.integrationId, ctx.megan.connectionId);
    const rtt = await naive.roundTrips(10);
    const { chat } = (await ctx.control<{ imageSeeds: Seeds }>("/graph/dataset")).imageSeeds;
    const browser = await ctx.browser();
    const context = await browser.newContext({ baseURL: ctx.appUrl, storageState: ctx.megan.storageState });
    const page = await context.newPage();
    await page.goto(`/chats/${encodeURIComponent(chat.chatId)}`);
    await page.locator('[data-live-state="live"]').waitFor({ timeout: 30_000 });
    // The page notes when each marker text first shows up (the same wall clock as this process).
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as { __seen?: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        for (const match of document.body.innerText.matchAll(/live-bench-(\d+)/g)) seen[match[1]!] ??= Date.now();
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    const latencies: number[] = [];
    for (let i = 0; i < POSTS; i++) {
      const marker = `live-bench-${i}`;
      const sentAt = Date.now();
      await ctx.control("/graph/post-as", {
        chatId: chat.chatId,
        fromEmail: chat.otherMemberEmail,
        html: `<p>${marker}</p>`,
      });
      await page.waitForFunction(
        (n) => (window as { __seen?: Record<string, number> }).__seen?.[String(n)] !== undefined,
        i,
        { timeout: 15_000 },
      );
      const shownAt = await page.evaluate(
        (n) => (window as { __seen?: Record<string, number> }).__seen![String(n)]!,
        i,
      );
      latencies.push(shownAt - sentAt);
      await page.waitForTimeout(200);
    }
    await context.close();
    const rttS = summarize(rtt);
    const live = summarize(latencies);
    const budget = 1000 + rttS.median;
    return {
      goals: [
        {
          goal: "live update p50 ≤ 1 s + 1 RTT",
          measured: `p50 ${live.median} ms, p95 ${live.p95} ms (budget ${round(budget)} ms; RTT ${rttS.median} ms; ${live.n} posts)`,
          pass: live.median <= budget,
        },
      ],
      data: { latencyMs: live, roundTripMs: rttS, budgetMs: round(budget) },
    };
  },
};
