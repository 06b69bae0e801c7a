/**
 * The suite's `test`: every test ends with an axe scan of the page it is on, and specs
 * call `expectAccessible(page)` on each page they visit. Serious or critical
 * violations fail the test.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type Request } from "@playwright/test";

/** RSC requests (navigations, `router.refresh()`, prefetches) in flight, per tracked page. */
const rscInFlight = new WeakMap<Page, Set<Request>>();

function trackRscRequests(page: Page): void {
  const inFlight = new Set<Request>();
  rscInFlight.set(page, inFlight);
  page.on("request", (request) => {
    if (request.headers()["rsc"] === "1") inFlight.add(request);
  });
  page.on("requestfinished", (request) => inFlight.delete(request));
  page.on("requestfailed", (request) => inFlight.delete(request));
}

/**
 * Waits until the page has settled: no RSC response still streaming (for pages the
 * fixture tracks) and exactly one non-empty `<title>`. Next.js streams each navigation's
 * and refresh's metadata in its own Suspense boundary, keyed by the request, so between
 * the commit of the new page and the arrival of its metadata row the old `<title>` is
 * gone and the new one not there yet (see docs/architecture.md, "Tests"). A page that
 * really has no title still fails: axe runs after the wait either way.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  const inFlight = rscInFlight.get(page);
  if (inFlight) await expect.poll(() => inFlight.size, { message: "RSC requests still streaming" }).toBe(0);
  await page
    .waitForFunction(() => document.querySelectorAll("title").length === 1 && document.title.trim() !== "", undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
}

export async function expectAccessible(page: Page): Promise<void> {
  await settled(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
}

export const test = base.extend<{ axeAfterEach: void }>({
  axeAfterEach: [
    async ({ page }, use) => {
      trackRscRequests(page);
      await use();
      if (page.url().startsWith("http")) await expectAccessible(page);
    },
    { auto: true },
  ],
});

export { expect };

/** The page's visible alert (Next.js also keeps an empty route-announcer alert in every page). */
export function alertOn(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}
