// Nango's webhooks are unordered: every ordering of creation / override / refresh-failure
// must end in the state of the newest event. Real events from the emulator (a real
// connect, a real failed refresh, a real reconnect), replayed into the real handler and
// database in each order.
import { randomUUID } from "node:crypto";
import { Nango } from "@nangohq/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectViaPopup } from "@/emulator/nango/test/oauth-flow";
import { startGraphFixture } from "@/lib/graph/test/emulator-fixture";

const MEGAN = "megan@contoso.example";
const CONTOSO = "6e1b8a3c-2f4d-4b7e-9c1a-0d5f3e2a7b64";
let t: Awaited<ReturnType<typeof startGraphFixture>>;
let handle: typeof import("./handle-nango-webhook").handleNangoWebhook;
let nango: Nango;
let user: { id: string; email: string };

interface Delivery {
  id: string;
  body: string;
  state: string;
}

const deliveries = async () => ((await t.emulator.control("/nango/webhooks")) as { deliveries: Delivery[] }).deliveries;
const operationOf = (d: Delivery) => {
  const body = JSON.parse(d.body) as { operation: string; success: boolean };
  return body.success ? body.operation : `${body.operation}-failed`;
};

/** Every ordering of a list. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

async function connect(reconnectId?: string): Promise<string> {
  const endUser = { id: user.id, email: user.email };
  const { data } = reconnectId
    ? await nango.createReconnectSession({
        connection_id: reconnectId,
        integration_id: "microsoft-teams",
        end_user: endUser,
      })
    : await nango.createConnectSession({ end_user: endUser, allowed_integrations: ["microsoft-teams"] });
  const result = await connectViaPopup(t.emulator, data.token, MEGAN);
  expect(result.message.message_type).toBe("success");
  return result.connectionId;
}

/** Microsoft revokes Megan's grant and the token expires: Nango's next refresh fails. */
async function failRefresh(connectionId: string) {
  await t.emulator.control("/microsoft/grants/revoke", { email: MEGAN });
  await t.emulator.control(`/nango/connections/${connectionId}/expire`, {});
  await expect(
    nango.get({ endpoint: "/v1.0/me", connectionId, providerConfigKey: "microsoft-teams" }),
  ).rejects.toThrow();
}

async function replay(order: Delivery[]) {
  await t.db.webhookEvent.deleteMany({});
  await t.db.teamsConnection.deleteMany({ where: { userId: user.id } });
  for (const delivery of order) await handle(delivery.body, JSON.parse(delivery.body));
  return t.db.teamsConnection.findFirst({ where: { userId: user.id } });
}

beforeAll(async () => {
  t = await startGraphFixture();
  ({ handleNangoWebhook: handle } = await import("./handle-nango-webhook"));
  nango = new Nango({ secretKey: "emulator-secret-key-0000000000000000", host: t.emulator.origins.nango });
  const row = await t.db.user.create({ data: { email: `${randomUUID()}@example.com`, name: "Ordering test" } });
  user = { id: row.id, email: row.email };
  await t.emulator.control("/nango/webhooks/pause", {});
}, 60_000);
afterAll(async () => t?.close());

describe("webhooks applied by Nango's current state, in any order", () => {
  let connectionId: string;
  let events: Record<string, Delivery> = {};

  it("records a real creation, failed refresh and reconnect (override)", async () => {
    connectionId = await connect();
    await failRefresh(connectionId);
    expect(await connect(connectionId)).toBe(connectionId);
    await t.emulator.control("/nango/webhooks/flush", {});
    events = Object.fromEntries((await deliveries()).map((d) => [operationOf(d), d]));
    expect(Object.keys(events).sort()).toEqual(["creation", "override", "refresh-failed"]);
  }, 60_000);

  it("ends connected in all 6 orderings when the reconnect is the newest event", async () => {
    for (const order of permutations([events.creation!, events["refresh-failed"]!, events.override!])) {
      const row = await replay(order);
      expect(row, order.map(operationOf).join(" → ")).toMatchObject({
        status: "connected",
        nangoConnectionId: connectionId,
        tenantId: CONTOSO,
        lastErrorCode: null,
      });
    }
  }, 120_000);

  it("ends needs_reconnect in all 6 orderings when a failed refresh is the newest event", async () => {
    await failRefresh(connectionId);
    await t.emulator.control("/nango/webhooks/flush", {});
    const newest = (await deliveries()).filter(
      (d) => operationOf(d) === "refresh-failed" && d.id !== events["refresh-failed"]!.id,
    );
    expect(newest).toHaveLength(1);
    for (const order of permutations([events.creation!, events.override!, newest[0]!])) {
      const row = await replay(order);
      expect(row, order.map(operationOf).join(" → ")).toMatchObject({
        status: "needs_reconnect",
        nangoConnectionId: connectionId,
      });
    }
  }, 120_000);
});
