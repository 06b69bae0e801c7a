/**
 * Crash safety and two instances on one database.
 * - crash: Nango's `creation` webhooks for fresh users are in flight when instance 1 is
 *   SIGKILLed; the emulator retries as Nango does; after a restart every user has exactly
 *   one mapping and one `connection.created` audit entry.
 * - two instances: a webhook received by instance 1 is visible to the user on instance 2;
 *   the browser's connect event and Nango's webhooks racing on both instances make one row.
 */
import type { RunningEmulator } from "../../emulator/main";
import { signedAuthWebhook } from "../../test-support/nango-webhook";
import type { AppInstance } from "./stack";
import { db, KEYS, sleep } from "./stack";
import { createUsers, seedConnection, type Control } from "./users";

interface Delivery {
  id: string;
  body: string;
  state: string;
  attempts: Array<{ status?: number; error?: string }>;
}

export async function mappingStats(userIds: string[]) {
  return db(async (client) => {
    const rows = await client.query<{ userId: string; n: number; status: string }>(
      `SELECT "userId", count(*)::int AS n, min(status::text) AS status FROM "TeamsConnection" WHERE "userId" = ANY($1::uuid[]) GROUP BY "userId"`,
      [userIds],
    );
    const audits = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'connection.created' AND "targetUserId" = ANY($1::uuid[])`,
      [userIds],
    );
    return {
      users: userIds.length,
      mapped: rows.rows.length,
      rows: rows.rows.reduce((sum, r) => sum + r.n, 0),
      duplicated: rows.rows.filter((r) => r.n > 1).length,
      createdAudits: audits.rows[0]!.n,
    };
  });
}

export async function crashDuringWebhooks(opts: {
  instance: AppInstance;
  emulator: RunningEmulator;
  control: Control;
  msEmails: string[];
  count: number;
}) {
  const { instance, emulator, control } = opts;
  const users = await createUsers(opts.count, "crash");
  await control("/nango/settings", { webhookRetries: 8, webhookRetryBaseMs: 500, webhookTimeoutMs: 5000 });
  await control("/nango/webhooks/pause", {});
  const before = ((await control("/nango/webhooks")) as { deliveries: Delivery[] }).deliveries.length;
  for (const [i, user] of users.entries())
    await seedConnection(control, emulator, user, opts.msEmails[i % opts.msEmails.length]!);
  await control("/nango/webhooks/resume", {});
  // Kill as soon as some deliveries have landed and others are in flight.
  const killDeadline = Date.now() + 10_000;
  let deliveredAtKill = 0;
  while (Date.now() < killDeadline) {
    const { deliveries } = (await control("/nango/webhooks")) as { deliveries: Delivery[] };
    deliveredAtKill = deliveries.slice(-opts.count).filter((d) => d.state === "delivered").length;
    if (deliveredAtKill >= Math.ceil(opts.count / 5)) break;
    await sleep(20);
  }
  await instance.kill();
  const killedAt = Date.now();
  await sleep(2000);
  await instance.start();
  const downMs = Date.now() - killedAt;
  const { deliveries } = (await control("/nango/webhooks/flush", {})) as { deliveries: Delivery[] };
  const ours = deliveries.slice(before);
  const stats = await mappingStats(users.map((u) => u.id));
  return {
    ...stats,
    deliveredAtKill,
    downMs,
    deliveries: ours.length,
    deliveredAfterRestart: ours.filter((d) => d.state === "delivered").length,
    failedDeliveries: ours.filter((d) => d.state === "failed").length,
    retriedDeliveries: ours.filter((d) => d.attempts.length > 1).length,
    ok:
      stats.mapped === users.length &&
      stats.duplicated === 0 &&
      stats.createdAudits === users.length &&
      ours.every((d) => d.state === "delivered"),
  };
}

export async function twoInstances(opts: {
  instances: [AppInstance, AppInstance];
  emulator: RunningEmulator;
  control: Control;
  msEmail: string;
}) {
  const [one, two] = opts.instances;
  const { emulator, control } = opts;

  // 1. Webhook to instance 1 (the emulator's webhook URL), read on instance 2.
  const [seen] = await createUsers(1, "two-a");
  const connectionId = await seedConnection(control, emulator, seen!, opts.msEmail);
  await control("/nango/webhooks/flush", {});
  const view = (await (await fetch(`${two.url}/api/connections`, { headers: { cookie: seen!.cookie } })).json()) as {
    connection: { connectionId: string; status: string } | null;
  };
  const visibleOnTwo = view.connection?.connectionId === connectionId && view.connection.status === "connected";

  // 2. Connect events (POST /api/connections) and distinct signed webhooks, 10 of each per instance, all at once.
  const [racer] = await createUsers(1, "two-b");
  const racedId = await seedConnection(control, emulator, racer!, opts.msEmail, false);
  const requests: Array<Promise<number>> = [];
  for (const app of [one, two]) {
    for (let i = 0; i < 10; i++) {
      requests.push(
        fetch(`${app.url}/api/connections`, {
          method: "POST",
          headers: { cookie: racer!.cookie, origin: app.url, "content-type": "application/json" },
          body: JSON.stringify({ connectionId: racedId }),
        }).then((r) => r.status),
      );
      // Distinct bodies (the environment differs), so none is a replay of another.
      const webhook = signedAuthWebhook(
        { connectionId: racedId, endUser: { id: racer!.id }, environment: `race-${app.port}-${i}` },
        KEYS.NANGO_WEBHOOK_SIGNING_KEY,
      );
      requests.push(fetch(`${app.url}/api/webhooks/nango`, { method: "POST", ...webhook }).then((r) => r.status));
    }
  }
  const statuses = await Promise.all(requests);
  const raced = await mappingStats([racer!.id]);
  return {
    visibleOnTwo,
    racedRequests: statuses.length,
    racedStatuses: statuses.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {}),
    racedRows: raced.rows,
    racedCreatedAudits: raced.createdAudits,
    ok:
      visibleOnTwo &&
      raced.mapped === 1 &&
      raced.duplicated === 0 &&
      raced.createdAudits === 1 &&
      statuses.every((s) => s === 200),
  };
}
