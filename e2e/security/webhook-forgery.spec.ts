/**
 * Webhook forgery: every way to fake or reuse a Nango webhook without the signing key
 * is refused (401/400/413) and leaves the database exactly as it was — users and their
 * connection health and the audit log as the admin API reports them, plus every table's
 * row count when the stack runs on PostgreSQL. (e2e/webhooks.spec.ts covers the happy
 * path and de-duplication of concurrent deliveries.)
 */
import { createHash, randomUUID } from "node:crypto";
import { DEMO_TENANTS } from "../../emulator/data/demo-accounts";
import { DEMO_ADMIN, DEMO_MEGAN } from "../../lib/demo-accounts";
import { expect, test } from "../support/fixtures";
import { authWebhook, emulator, signWebhook } from "../support/stack";
import { adminSnapshot, rawRequest, signedIn, tableCounts } from "./support";

const PATH = "/api/webhooks/nango";

function creationFor(userId: string, connectionId: string): string {
  return authWebhook({ connectionId, endUser: { id: userId }, tags: { end_user_id: userId } });
}

const post = (body: string | Buffer, headers: Record<string, string>) =>
  rawRequest(PATH, { method: "POST", headers, body });

test("forged, altered, oversize, non-JSON and replayed webhooks are refused and change nothing", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signedIn(browser, DEMO_ADMIN);
  const users = (await (
    await admin.request.get(`/api/admin/users?q=${encodeURIComponent(DEMO_MEGAN.email)}`)
  ).json()) as { rows: Array<{ id: string; email: string }> };
  const megan = users.rows.find((row) => row.email === DEMO_MEGAN.email)!;

  // A real delivery to replay later: Nango (the emulator) announces a connection of an unknown end user.
  const { connection } = await emulator<{ connection: { connection_id: string } }>("/nango/connections", {
    endUser: { id: randomUUID(), email: "nobody@example.com" },
    tenantId: DEMO_TENANTS.contoso.id,
    webhook: true,
  });
  const { deliveries } = await emulator<{
    deliveries: Array<{ id: string; body: string; headers: Record<string, string>; state: string }>;
  }>("/nango/webhooks/flush", {});
  const original = deliveries.filter((d) => d.body.includes(connection.connection_id)).at(-1)!;
  expect(original.state).toBe("delivered");

  // A Nango connection owned by Megan's app user that no genuine webhook has announced.
  const { connection: target } = await emulator<{ connection: { connection_id: string } }>("/nango/connections", {
    endUser: { id: megan.id, email: DEMO_MEGAN.email },
    tenantId: DEMO_TENANTS.contoso.id,
  });
  const genuine = creationFor(megan.id, target.connection_id);
  const json = { "content-type": "application/json" };
  const oversize = JSON.stringify({ type: "auth", pad: "x".repeat(300 * 1024) });

  const before = { snapshot: await adminSnapshot(admin.request), counts: await tableCounts() };
  const cases: Array<[string, () => Promise<{ status: number }>, number]> = [
    ["no signature", () => post(genuine, json), 401],
    ["malformed signature", () => post(genuine, { ...json, "x-nango-hmac-sha256": "zz-not-hex" }), 401],
    ["empty signature", () => post(genuine, { ...json, "x-nango-hmac-sha256": "" }), 401],
    ["wrong key", () => post(genuine, signWebhook(genuine, "not-the-key")), 401],
    [
      "signature truncated",
      () =>
        post(genuine, { ...json, "x-nango-hmac-sha256": signWebhook(genuine)["x-nango-hmac-sha256"]!.slice(0, 32) }),
      401,
    ],
    [
      "legacy sha256(key+body) header with a wrong key",
      () =>
        post(genuine, { ...json, "x-nango-signature": createHash("sha256").update(`wrong${genuine}`).digest("hex") }),
      401,
    ],
    ["body altered after signing", () => post(genuine.replace('"creation"', '"override"'), signWebhook(genuine)), 401],
    ["whitespace added after signing", () => post(` ${genuine}`, signWebhook(genuine)), 401],
    ["body truncated after signing", () => post(genuine.slice(0, -1), signWebhook(genuine)), 401],
    [
      "valid signature over a different body",
      () => post(genuine, signWebhook(creationFor(megan.id, connection.connection_id))),
      401,
    ],
    ["signature of the empty body, empty body", () => post("", signWebhook("")), 400],
    ["non-JSON, unsigned", () => post("this is not json", json), 401],
    ["non-JSON, signed", () => post(Buffer.from("this is not json"), signWebhook("this is not json")), 400],
    ["JSON null, signed", () => post("null", signWebhook("null")), 400],
    ["auth webhook missing its fields, signed", () => post('{"type":"auth"}', signWebhook('{"type":"auth"}')), 400],
    [
      "oversize, declared",
      () => post(oversize, { ...json, "content-length": String(Buffer.byteLength(oversize)) }),
      413,
    ],
    [
      "oversize, signed",
      () => post(oversize, { ...signWebhook(oversize), "content-length": String(Buffer.byteLength(oversize)) }),
      413,
    ],
    [
      "oversize, chunked without Content-Length",
      () => post(Buffer.alloc(2 * 1024 * 1024, 0x20), { ...json, "transfer-encoding": "chunked" }),
      413,
    ],
    ["replay of a delivered webhook, as sent", () => post(original.body, original.headers), 200],
  ];
  for (const [name, send, status] of cases) {
    const response = await send();
    expect(response.status, name).toBe(status);
  }
  // The same replay through the emulator's queue (Nango's retry path).
  await emulator(`/nango/webhooks/${original.id}/replay`, {});
  const after = await emulator<{
    deliveries: Array<{ replayOf?: string; state: string; attempts: Array<{ status?: number }> }>;
  }>("/nango/webhooks/flush", {});
  expect(after.deliveries.filter((d) => d.replayOf === original.id).every((d) => d.state === "delivered")).toBe(true);

  expect(await adminSnapshot(admin.request)).toEqual(before.snapshot);
  expect(await tableCounts()).toEqual(before.counts);
  const health = (await (
    await admin.request.get(`/api/admin/users?q=${encodeURIComponent(DEMO_MEGAN.email)}`)
  ).json()) as { rows: Array<{ email: string; connection?: unknown }> };
  expect(JSON.stringify(health)).not.toContain(target.connection_id);
  await admin.context().close();
});
