/**
 * The suite's `test`: every test ends with an axe scan of the page it is on, and specs
 * call `expectAccessible(page)` on each page they visit. Serious or critical
 * violations fail the test.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForLoadState("domcontentloaded");
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
