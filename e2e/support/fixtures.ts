/**
 * The suite's `test`: every test ends with an axe scan of the page it is on, and specs
 * call `expectAccessible(page)` on each page they visit. Serious or critical
 * violations fail the test. Every test also fails if the browser blocked anything under
 * the app's Content-Security-Policy (proxy.ts) on any page it opened (its page, popups,
 * pages of contexts it made), unless the test took the violations it provoked
 * (`takeCspViolations`).
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page, type Request } from "@playwright/test";

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

/** Chromium's console reports of what a Content-Security-Policy blocked, per tracked page. */
const cspReports = new WeakMap<Page, string[]>();

function trackCspViolations(page: Page, reports: string[]): void {
  cspReports.set(page, reports);
  page.on("console", (message) => {
    // "Executing inline script violates the following Content Security Policy directive…",
    // "Framing '…' violates…", "Refused to connect to '…' because it violates…".
    if (message.type() === "error" && message.text().includes("Content Security Policy"))
      reports.push(`${page.url()}: ${message.text()}`);
  });
}

/** The CSP violations reported so far in the test (any of its pages), which then no longer fail it. */
export function takeCspViolations(page: Page): string[] {
  const reports = cspReports.get(page);
  if (!reports) throw new Error("takeCspViolations: not a page this test opened");
  return reports.splice(0);
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
    async ({ page, browser }, use) => {
      trackRscRequests(page);
      const reports: string[] = [];
      const track = (context: BrowserContext) => context.on("page", (popup) => trackCspViolations(popup, reports));
      trackCspViolations(page, reports);
      // Popups (the Connect UI's Microsoft window) and the pages of contexts the test opens
      // itself (one per signed-in user in several specs) report into the same list.
      track(page.context());
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const context = await newContext.apply(browser, args);
        track(context);
        return context;
      };
      // Playwright's `use` returns (it does not throw) when the test fails: the teardown below runs.
      await use();
      browser.newContext = newContext;
      if (page.url().startsWith("http")) await expectAccessible(page);
      expect(reports, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The page's visible alert (Next.js also keeps an empty route-announcer alert in every page). */
export function alertOn(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}
