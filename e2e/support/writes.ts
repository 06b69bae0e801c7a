import type { APIResponse, Page } from "@playwright/test";
import { completeMicrosoftPopup, finishConnectUi, startMicrosoftPopup } from "./connect-ui";
import { expect } from "./fixtures";
import { emulator, stack } from "./stack";

export interface PostedMessage {
  id: string;
  fromId: string;
  html: string;
  replyToId: string | null;
}

/** Messages written through Graph's write API, as the emulator recorded them (not as the app says). */
export async function postsIn(where: { chatId: string } | { teamId: string; channelId: string }) {
  const query = new URLSearchParams(where as Record<string, string>);
  return (await emulator<{ items: PostedMessage[] }>(`/graph/posts?${query}`)).items;
}

/** Grants the write permissions through the real Connect UI (the connections page's button). */
export async function allowSending(page: Page, account: { name: string; email: string }) {
  await page.goto("/connections");
  await page.getByRole("button", { name: "Allow sending messages" }).click();
  const popup = await startMicrosoftPopup(page, "Reconnect");
  await completeMicrosoftPopup(popup, account);
  await finishConnectUi(page);
  await expect(page.getByTestId("write-permission")).toHaveText("Allowed");
}

/** POST a message through the app's API as the signed-in page. */
export function send(page: Page, path: string, body: unknown, key: string | null): Promise<APIResponse> {
  return page.request.post(path, {
    data: typeof body === "string" ? body : JSON.stringify(body),
    headers: {
      "content-type": "application/json",
      origin: stack.APP_URL,
      ...(key ? { "idempotency-key": key } : {}),
    },
  });
}
