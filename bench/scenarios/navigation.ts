/**
 * 2. Warm navigation: a browsing session in Chromium (dashboard → team → back →
 * chat → back) and the Graph calls it costs (emulator counters), against the naive
 * baseline making the same page views with one `nango.get` per call.
 */
import type { Page } from "@playwright/test";
import type { Scenario } from "../lib/context";
import { naiveClient } from "../lib/naive";
import { round } from "../lib/stats";

async function dashboardReady(page: Page) {
  await page.locator('ul[aria-label="Joined teams"]').waitFor();
  await page.locator('ul[aria-label="Recent chats"]').waitFor();
  // The channel counts stream in after the teams: the view is complete when they are in.
  await page.getByText("Counting channels…").first().waitFor({ state: "detached" });
}

export const navigation: Scenario = {
  name: "navigation",
  title: "Warm navigation",
  async run(ctx) {
    await ctx.control("/latency", { service: "graph", fixedMs: 80 });
    const browser = await ctx.browser();
    const context = await browser.newContext({ baseURL: ctx.appUrl, storageState: ctx.megan.storageState });
    const page = await context.newPage();
    await ctx.control("/counters", undefined, "DELETE");
    const steps: Array<{ step: string; ms: number; graphCalls: number }> = [];
    let previous = 0;
    // Reads only: the pages' live-update subscriptions (/subscriptions) are not page views'
    // data, and the naive baseline has no live updates to compare them with.
    const reads = async () =>
      (await ctx.control<{ calls: Array<{ service: string; path: string }> }>("/calls")).calls.filter(
        (call) => call.service === "graph" && !call.path.startsWith("/v1.0/subscriptions"),
      ).length;
    const step = async (name: string, action: () => Promise<void>) => {
      const started = performance.now();
      await action();
      const total = await reads();
      steps.push({ step: name, ms: round(performance.now() - started), graphCalls: total - previous });
      previous = total;
    };
    let teamId = "";
    let chatId = "";
    await step("dashboard", async () => {
      await page.goto("/dashboard");
      await dashboardReady(page);
    });
    await step("team", async () => {
      const link = page.locator('ul[aria-label="Joined teams"] a[href^="/teams/"]').first();
      teamId = decodeURIComponent((await link.getAttribute("href"))!.split("/")[2]!);
      await link.click();
      await page.getByRole("heading", { name: "Channels" }).waitFor();
    });
    await step("back to dashboard", async () => {
      await page.goBack();
      await dashboardReady(page);
    });
    await step("chat", async () => {
      const link = page.locator('ul[aria-label="Recent chats"] a[href^="/chats/"]').first();
      chatId = decodeURIComponent((await link.getAttribute("href"))!.split("/")[2]!);
      await link.click();
      await page.locator('ol[aria-label="Chat messages"]').waitFor();
    });
    await step("back to dashboard", async () => {
      await page.goBack();
      await dashboardReady(page);
    });
    await context.close();
    const appCalls = steps.reduce((sum, s) => sum + s.graphCalls, 0);

    const naive = naiveClient(ctx.nango, ctx.integrationId, ctx.megan.connectionId);
    await ctx.control("/counters", undefined, "DELETE");
    await naive.dashboard();
    await naive.team(teamId);
    await naive.dashboard();
    await naive.chat(chatId);
    await naive.dashboard();
    const naiveCalls = (await ctx.control<{ total: number }>("/counters?service=graph")).total;
    const fewer = 1 - appCalls / naiveCalls;
    return {
      goals: [
        {
          goal: "≥ 80% fewer Graph calls than naive",
          measured: `${appCalls} vs ${naiveCalls} calls = ${round(fewer * 100)}% fewer`,
          pass: fewer >= 0.8,
        },
      ],
      data: { steps, appGraphCalls: appCalls, naiveGraphCalls: naiveCalls, fewerPercent: round(fewer * 100) },
    };
  },
};
