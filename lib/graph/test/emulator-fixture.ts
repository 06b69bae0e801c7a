/**
 * Integration fixture: an in-process emulator, the app's lib/ modules pointed at it
 * through env (set before they are imported), a migrated PGlite database, and helpers
 * to connect a demo Microsoft user (a Nango connection holding a Graph token minted by
 * the emulated Microsoft's signing key, plus our mapping row).
 */
import { randomUUID } from "node:crypto";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { datasetOf } from "@/emulator/data/registry";
import { signJwt } from "@/emulator/microsoft/jwt";
import { signingKey } from "@/emulator/microsoft/keys";
import { GRAPH_APP_ID } from "@/emulator/microsoft/tokens";
import { migratedPgliteDir } from "@/scripts/db/testing";
import { DEFAULT_GRAPH_SCOPES } from "@/test-support/scopes";

export async function startGraphFixture() {
  const emulator: TestEmulator = await startTestEmulator();
  const database = await migratedPgliteDir();
  // eslint-disable-next-line no-restricted-syntax -- a test configures the environment under test
  Object.assign(process.env, {
    NANGO_HOST: emulator.origins.nango,
    NANGO_SECRET_KEY: "emulator-secret-key-0000000000000000",
    DATABASE_URL: `pglite:${database.dataDir}`,
    LOG_LEVEL: "error",
  });
  const [{ db }, graph] = await Promise.all([import("@/lib/db"), import("@/lib/graph/test/lib-exports")]);
  await emulator.control("/nango/settings", { proxyRetryBaseMs: 10 });

  function mintToken(email: string, scopes = DEFAULT_GRAPH_SCOPES): string {
    const user = datasetOf(emulator.context).current.usersByEmail.get(email)!;
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      {
        aud: GRAPH_APP_ID,
        iss: `https://sts.windows.net/${user.tenantId}/`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        appid: "test-app",
        oid: user.id,
        tid: user.tenantId,
        scp: scopes.join(" "),
        upn: user.userPrincipalName,
        ver: "1.0",
      },
      signingKey(emulator.context),
    );
  }

  /** A new app user connected to the demo Microsoft account `email`. */
  async function connect(
    email: string,
    seed: { scopes?: string[]; accessToken?: string; expiresInSeconds?: number; refreshToken?: string } = {},
  ) {
    const { scopes, ...rest } = seed;
    const accessToken = rest.accessToken ?? mintToken(email, scopes);
    const { connection } = (await emulator.control("/nango/connections", { ...rest, accessToken })) as {
      connection: { connection_id: string };
    };
    const msUser = datasetOf(emulator.context).current.usersByEmail.get(email)!;
    const user = await db.user.create({ data: { email: `${randomUUID()}@example.com`, name: "Test user" } });
    const mapping = await db.teamsConnection.create({
      data: {
        userId: user.id,
        integrationId: "microsoft-teams",
        nangoConnectionId: connection.connection_id,
        tenantId: msUser.tenantId,
        accountEmail: email,
        status: "connected",
      },
    });
    return { userId: user.id, mapping };
  }

  async function counters(): Promise<{ total: number; byRoute: Record<string, number> }> {
    return (await emulator.control("/counters?service=graph")) as { total: number; byRoute: Record<string, number> };
  }

  /** DELETE on the control API, retried once (a reused keep-alive socket may be reset). */
  async function remove(path: string) {
    const url = `${emulator.origins.nango}/_emulator${path}`;
    await fetch(url, { method: "DELETE" }).catch(() => fetch(url, { method: "DELETE" }));
  }

  async function resetControls() {
    await remove("/faults");
    await remove("/counters");
    await emulator.control("/latency", { service: "graph", fixedMs: 0 });
    await emulator.control("/graph/throttling", { reset: true });
    graph.resetPacing();
  }

  return {
    emulator,
    db,
    graph,
    connect,
    mintToken,
    counters,
    resetControls,
    clearCounters: () => remove("/counters"),
    teamIdByName: (name: string) =>
      datasetOf(emulator.context)
        .current.tenants.flatMap((tenant) => tenant.teams)
        .find((team) => team.displayName === name)!.id,
    fault: (rule: Record<string, unknown>) => emulator.control("/faults", { service: "graph", ...rule }),
    async close() {
      await emulator.close();
      const { closeDb } = (await import("@/lib/db")) as { closeDb?: () => Promise<void> };
      await closeDb?.();
      database.cleanup();
    },
  };
}
