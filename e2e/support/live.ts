import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { emulator } from "./stack";

/** A Graph subscription as the emulator holds it (what Graph knows, not what the app says). */
export interface EmulatedSubscription {
  id: string;
  resource: string;
  expirationDateTime: string;
  clientState: string | null;
  notificationUrl: string;
  state: string;
  counters: { delivered: number; failed: number; dropped: number; lifecycleDelivered: number };
}

export async function subscriptions(resource?: string): Promise<EmulatedSubscription[]> {
  const { subscriptions: all } = await emulator<{ subscriptions: EmulatedSubscription[] }>("/graph/subscriptions");
  return resource ? all.filter((item) => item.resource === resource) : all;
}

/** Waits until Graph holds a subscription for the resource, and returns it. */
export async function subscriptionFor(resource: string): Promise<EmulatedSubscription> {
  await expect.poll(async () => (await subscriptions(resource)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  return (await subscriptions(resource))[0]!;
}

/** Graph sends a lifecycle event now; `missed` with `dropNext`: after losing that many notifications. */
export function lifecycle(
  id: string,
  event: "reauthorizationRequired" | "subscriptionRemoved" | "missed",
  options: { dropNext?: number } = {},
) {
  return emulator(`/graph/subscriptions/${encodeURIComponent(id)}/lifecycle`, { event, ...options });
}

/** Someone posts in Teams (not through the app): Graph then notifies the subscriptions. */
export function postAs(
  where: { chatId: string } | { teamId: string; channelId: string; replyToId?: string },
  fromEmail: string,
  text: string,
) {
  return emulator<{ id: string }>("/graph/post-as", { ...where, fromEmail, html: `<p>${text}</p>` });
}

/** The page is following its conversation live (the stream is open and Graph accepted the subscription). */
export async function expectLive(page: Page) {
  await expect(page.locator("[data-live-state]").first()).toHaveAttribute("data-live-state", "live", {
    timeout: 20_000,
  });
}

/** Set on the window: still there later means the page was never reloaded. */
export async function markPage(page: Page) {
  await page.evaluate(() => ((window as { __noReload?: boolean }).__noReload = true));
}
export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
}
