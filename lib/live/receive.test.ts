// What the notification endpoints store, on a real (embedded) database: only items that
// prove themselves with their subscription's clientState, each once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/lib/admin/testing";

type Db = Awaited<ReturnType<typeof openTestDatabase>>["db"];
let db: Db;
let close: () => Promise<void>;
let receiveNotifications: typeof import("./receive").receiveNotifications;
let newClientState: typeof import("./client-state").newClientState;

const CHAT = "19:a1b2c3@thread.v2";
const SUBSCRIPTION = "7f9c6a52-8a2e-4a8e-9a41-5b0a1c2d3e4f";
let secret: string;

const change = (overrides: Record<string, unknown> = {}) => ({
  subscriptionId: SUBSCRIPTION,
  clientState: secret,
  changeType: "created",
  resource: `chats('${CHAT}')/messages('1700000000001')`,
  ...overrides,
});
const stored = () => db.graphNotification.count();

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  ({ receiveNotifications } = await import("./receive"));
  ({ newClientState } = await import("./client-state"));
  const user = await db.user.create({ data: { email: "megan@example.com", name: "Megan" } });
  const clientState = newClientState();
  secret = clientState.secret;
  await db.graphSubscription.create({
    data: {
      id: SUBSCRIPTION,
      userId: user.id,
      nangoConnectionId: "conn-1",
      resource: `/chats/${CHAT}/messages`,
      clientStateHash: clientState.hash,
      expiresAt: new Date(Date.now() + 3_600_000),
      wantedUntil: new Date(Date.now() + 60_000),
    },
  });
});
afterAll(() => close?.());

describe("receiving Graph notifications", () => {
  it("stores nothing for forged, unknown or out-of-place items", async () => {
    const forged = await receiveNotifications([
      change({ clientState: "guess" }),
      change({ clientState: undefined }),
      change({ clientState: `${secret}x` }),
      change({ subscriptionId: "00000000-0000-4000-8000-000000000000" }),
      change({ resource: "chats('19:other@thread.v2')/messages('1')" }),
      change({ resource: "users('x')" }),
      { subscriptionId: SUBSCRIPTION, clientState: "guess", lifecycleEvent: "missed" },
    ]);
    expect(forged).toEqual({ ids: [], ignored: 7 });
    expect(await stored()).toBe(0);
  });

  it("stores a genuine notification once: a replay is a no-op", async () => {
    const first = await receiveNotifications([change()]);
    expect(first.ids).toHaveLength(1);
    const replay = await receiveNotifications([change(), change()]);
    expect(replay).toEqual({ ids: [], ignored: 0 });
    expect(await stored()).toBe(1);
    // Another message in the same chat is another notification.
    expect((await receiveNotifications([change({ resource: `chats('${CHAT}')/messages('2')` })])).ids).toHaveLength(1);
    expect(await stored()).toBe(2);
  });

  it("stores every delivery of an update or a lifecycle event: they recur legitimately", async () => {
    const before = await stored();
    const updated = change({ changeType: "updated" });
    expect((await receiveNotifications([updated, updated])).ids).toHaveLength(2);
    const reauth = { subscriptionId: SUBSCRIPTION, clientState: secret, lifecycleEvent: "reauthorizationRequired" };
    expect((await receiveNotifications([reauth])).ids).toHaveLength(1);
    // Graph asks again right after the app reauthorized: that one must be acted on too.
    expect((await receiveNotifications([reauth])).ids).toHaveLength(1);
    expect(await stored()).toBe(before + 4);
  });

  it("stores a genuine lifecycle event", async () => {
    const received = await receiveNotifications([
      { subscriptionId: SUBSCRIPTION, clientState: secret, lifecycleEvent: "missed" },
    ]);
    expect(received.ids).toHaveLength(1);
    const row = await db.graphNotification.findUniqueOrThrow({ where: { id: received.ids[0]! } });
    expect(row).toMatchObject({ event: "missed", resource: null, processedAt: null });
  });
});
