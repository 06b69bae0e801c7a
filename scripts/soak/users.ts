/**
 * Simulated users for the soak: app users inserted straight into the database, session
 * cookies minted with the app's AUTH_SECRET (what a password sign-in would set), and
 * Nango connections holding Graph tokens signed by the emulated Microsoft, announced to
 * the app by Nango's `creation` webhook exactly as a real connect would be.
 */
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { RunningEmulator } from "../../emulator/main";
import { datasetOf } from "../../emulator/data/registry";
import { signJwt } from "../../emulator/microsoft/jwt";
import { signingKey } from "../../emulator/microsoft/keys";
import { GRAPH_APP_ID } from "../../emulator/microsoft/tokens";
import { DEFAULT_GRAPH_SCOPES } from "../../test-support/scopes";
import { db, KEYS } from "./stack";

export interface SimUser {
  id: string;
  email: string;
  cookie: string;
  connectionId?: string;
  msEmail?: string;
}

export async function createUsers(count: number, prefix: string): Promise<SimUser[]> {
  const users: SimUser[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const email = `${prefix}-${i}@soak.example`;
    const token = await encode({
      token: { sub: id, uid: id, sv: 0, email, name: `${prefix} ${i}` },
      secret: KEYS.AUTH_SECRET,
      maxAge: 8 * 3600,
    });
    users.push({ id, email, cookie: `next-auth.session-token=${token}` });
  }
  await db(async (client) => {
    for (const user of users) {
      await client.query(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, $2, $3, 'user', now())`, [
        user.id,
        user.email,
        user.email,
      ]);
    }
  });
  return users;
}

export function mintGraphToken(emulator: RunningEmulator, email: string): string {
  const user = datasetOf(emulator.context).current.usersByEmail.get(email)!;
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      aud: GRAPH_APP_ID,
      iss: `https://sts.windows.net/${user.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      appid: "soak",
      oid: user.id,
      tid: user.tenantId,
      scp: DEFAULT_GRAPH_SCOPES.join(" "),
      upn: user.userPrincipalName,
      ver: "1.0",
    },
    signingKey(emulator.context),
  );
}

/** Contoso's Microsoft users, to spread the simulated users over. */
export function microsoftUsers(emulator: RunningEmulator): string[] {
  const dataset = datasetOf(emulator.context).current;
  return [...dataset.usersByEmail.keys()].filter((email) => email.endsWith("@contoso.example")).slice(0, 40);
}

/**
 * A Nango connection for the user; `webhook` queues Nango's `creation` webhook. The
 * refresh token is not one Microsoft issued, so once the access token expires the grant
 * behaves as revoked (refresh refused, Nango's refresh-failure webhook).
 */
export async function seedConnection(
  control: Control,
  emulator: RunningEmulator,
  user: SimUser,
  msEmail: string,
  webhook = true,
): Promise<string> {
  const tenantId = datasetOf(emulator.context).current.usersByEmail.get(msEmail)!.tenantId;
  const { connection } = (await control("/nango/connections", {
    endUser: { id: user.id, email: user.email, displayName: user.email },
    tenantId,
    accessToken: mintGraphToken(emulator, msEmail),
    refreshToken: `soak-refresh-${randomUUID()}`,
    webhook,
  })) as { connection: { connection_id: string } };
  user.connectionId = connection.connection_id;
  user.msEmail = msEmail;
  return connection.connection_id;
}

export type Control = (path: string, body?: unknown, method?: string) => Promise<unknown>;

export function controlClient(nangoOrigin: string): Control {
  return async (path, body, method) => {
    const response = await fetch(`${nangoOrigin}/_emulator${path}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
}
