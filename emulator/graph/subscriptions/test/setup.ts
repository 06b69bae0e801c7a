/** Shared setup for the subscription tests: an emulator, a receiver, and a subscribe helper. */
import { DEMO_MICROSOFT_ACCOUNTS as A } from "../../../data/demo-accounts";
import type { GraphFixture } from "../../test/fixture";
import type { Receiver } from "./receiver";

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** Megan's first chat and its subscription resource. */
export function meganChat(t: GraphFixture, index = 0) {
  const chat = t.dataset().chatsOf(t.userId(A.megan.email))[index]!;
  return { chat, resource: `/chats/${chat.id}/messages` };
}

export function subscriptionBody(receiver: Receiver, resource: string, extra: Record<string, unknown> = {}) {
  return {
    changeType: "created,updated",
    notificationUrl: receiver.url("/notify"),
    resource,
    expirationDateTime: inMinutes(30),
    clientState: "secret-client-state",
    ...extra,
  };
}

export async function subscribe(
  t: GraphFixture,
  receiver: Receiver,
  resource: string,
  extra: Record<string, unknown> = {},
  token?: string,
) {
  const response = await t.graph("/subscriptions", { body: subscriptionBody(receiver, resource, extra), token });
  if (response.status !== 201) throw new Error(`subscribe: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; expirationDateTime: string; clientState: string | null };
}

/** Waits until `check` holds, re-checking every 25 ms (for state the emulator settles asynchronously). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface DeliveryLog {
  deliveries: Array<{
    subscriptionId: string;
    kind: string;
    event: string;
    messageId?: string;
    outcome: string;
    attempt: number;
  }>;
}
