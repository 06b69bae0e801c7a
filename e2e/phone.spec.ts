/**
 * Phone layout (run by the "phone" project, 390 px wide): no page scrolls sideways,
 * and a chat shows its messages before its member list.
 */
import type { Page } from "@playwright/test";
import { DEMO_MICROSOFT_ACCOUNTS } from "../emulator/data/demo-accounts";
import { DEMO_ADMIN, DEMO_MEGAN } from "../lib/demo-accounts";
import { signInWithPassword } from "./support/auth";
import { ensureConnected } from "./support/connect-ui";
import { expect, test } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

/** Asserts the page is no wider than the screen, naming the elements that stick out if it is. */
async function expectNoSidewaysScroll(page: Page) {
  const width = page.viewportSize()?.width ?? 0;
  expect(width, "the phone project sets a phone-sized viewport").toBeLessThanOrEqual(412);
  const layout = await page.evaluate(() => {
    const limit = Math.min(window.innerWidth, document.documentElement.clientWidth);
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (right ${Math.round(el.getBoundingClientRect().right)})`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide };
  });
  expect(layout.innerWidth, "the page is not zoomed out to fit wide content").toBe(width);
  expect(layout.scrollWidth, `${page.url()} is wider than the screen: ${layout.wide.join(", ")}`).toBeLessThanOrEqual(
    layout.innerWidth,
  );
}

test("the sign-in and home pages fit a phone", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in with email" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("a user's pages fit a phone, and a chat shows its messages before its members", async ({ page }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  await ensureConnected(page, DEMO_MICROSOFT_ACCOUNTS.megan);

  await page.goto("/dashboard");
  const teams = page.getByRole("list", { name: "Joined teams" });
  await expect(teams.getByRole("link").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Recent chats" }).getByRole("listitem").first()).toBeVisible();
  await expectNoSidewaysScroll(page);

  await teams.getByRole("link", { name: /Mark 8 Project Team/ }).click();
  await expect(page.getByRole("heading", { name: "Mark 8 Project Team", level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page);

  await page.getByRole("list", { name: "Channels" }).getByRole("link").first().click();
  await expect(page.getByRole("list", { name: "Channel messages" }).getByRole("article").first()).toBeVisible();
  await expectNoSidewaysScroll(page);

  await page.goto("/chats");
  const chats = page.getByRole("list", { name: "Chats" });
  await expect(chats.getByRole("link").first()).toBeVisible();
  await expectNoSidewaysScroll(page);

  await chats.getByRole("link").first().click();
  const messages = page.getByRole("region", { name: "Messages" });
  const members = page.getByRole("region", { name: /Members \(\d+\)/ });
  await expect(messages.getByRole("list", { name: "Chat messages" }).getByRole("article").first()).toBeVisible();
  await expect(members.getByRole("list", { name: "Chat members" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const [messagesBox, membersBox] = await Promise.all([messages.boundingBox(), members.boundingBox()]);
  expect(messagesBox && membersBox, "both regions are laid out").toBeTruthy();
  expect(messagesBox!.y + messagesBox!.height, "the messages end above the member list").toBeLessThanOrEqual(
    membersBox!.y,
  );

  await page.goto("/connections");
  await expect(page.getByRole("list", { name: "Granted permissions" })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("a chat's message box, people picker and reaction menu fit a phone", async ({ page }) => {
  await signInWithPassword(page, DEMO_MEGAN.email, DEMO_MEGAN.password);
  await ensureConnected(page, DEMO_MICROSOFT_ACCOUNTS.megan);
  await page.goto("/chats");
  await page.getByRole("list", { name: "Chats" }).getByRole("link").first().click();
  const messages = page.getByRole("list", { name: "Chat messages" }).getByRole("article");
  await expect(messages.first()).toBeVisible();
  const box = page.getByRole("textbox", { name: "Message", exact: true });
  await box.pressSequentially("Hi @a");
  await expect(page.getByRole("listbox", { name: "People to mention" }).getByRole("option").first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await box.press("Escape");
  await expect(page.getByRole("listbox", { name: "People to mention" })).toHaveCount(0);
  const addReaction = page.getByRole("button", { name: "Add reaction" });
  await messages.filter({ has: addReaction }).last().getByRole("button", { name: "Add reaction" }).click();
  await expect(page.getByRole("menu", { name: "Reactions" })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("the admin pages fit a phone (wide tables scroll inside their own box)", async ({ page }) => {
  await signInWithPassword(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  for (const [path, heading] of [
    ["/admin", "Users & connections"],
    ["/admin/audit", "Audit log"],
    ["/admin/settings", "Allowed tenants"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page);
  }
});
