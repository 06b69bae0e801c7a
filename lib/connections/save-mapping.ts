import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { Prisma, TeamsConnection } from "@/lib/generated/prisma/client";
import { integrationId } from "@/lib/nango/client";
import type { NangoAccount } from "./nango-account";

export interface SaveMappingInput {
  user: { id: string; email: string };
  account: NangoAccount;
  /** Which signal saw the connection: the user's browser or Nango's webhook. */
  source: "connect_event" | "webhook";
  /** A webhook delivery to log in the same transaction (unique key = de-duplication). */
  webhookEvent?: Prisma.WebhookEventCreateManyInput;
}

export interface SaveMappingResult {
  /** The webhook delivery was already processed: nothing was written. */
  duplicate: boolean;
  row: TeamsConnection | null;
  /** The Nango connection this one replaced, to delete from Nango afterwards. */
  replacedConnectionId: string | null;
  changed: boolean;
}

/**
 * Stores "this user owns this Nango connection" idempotently. Both the connect event
 * and the webhook call it, in either order or at once; an audit entry is written only
 * by the call that actually changed the mapping, so two signals make one row and one
 * entry. Pending re-prompt requests are completed by the same transaction.
 */
export async function saveMapping(input: SaveMappingInput): Promise<SaveMappingResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction((tx) => saveOnce(tx, input));
    } catch (error) {
      // Two signals racing to create the same row: the loser retries and finds it.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function saveOnce(
  tx: Prisma.TransactionClient,
  { user, account, source, webhookEvent }: SaveMappingInput,
): Promise<SaveMappingResult> {
  if (webhookEvent && !(await claimWebhookEvent(tx, webhookEvent))) {
    return { duplicate: true, row: null, replacedConnectionId: null, changed: false };
  }
  const existing = await tx.teamsConnection.findUnique({
    where: { userId_integrationId: { userId: user.id, integrationId } },
  });
  const sameConnection = existing?.nangoConnectionId === account.connectionId;
  // Nango's current state decides, not the signal's age: a connection whose refresh has
  // failed since stays broken even when an older "connected" event arrives late.
  const broken = account.authFailed;
  const data = {
    nangoConnectionId: account.connectionId,
    tenantId: account.tenantId ?? (sameConnection ? (existing?.tenantId ?? null) : null),
    grantedScopes: account.scopes ?? (sameConnection ? (existing?.grantedScopes ?? []) : []),
    accountEmail: account.email ?? existing?.accountEmail ?? null,
    accountName: account.name ?? existing?.accountName ?? null,
    status: broken ? ("needs_reconnect" as const) : ("connected" as const),
    ...(broken
      ? existing?.status === "needs_reconnect" && sameConnection
        ? {}
        : {
            lastErrorCode: "refresh_failed",
            lastErrorMessage: "Nango could not refresh the Microsoft token.",
            lastErrorAt: new Date(),
          }
      : { lastErrorCode: null, lastErrorMessage: null, lastErrorAt: null }),
  };
  const changed =
    !existing ||
    existing.nangoConnectionId !== data.nangoConnectionId ||
    existing.status !== data.status ||
    existing.tenantId !== data.tenantId ||
    existing.grantedScopes.join(" ") !== data.grantedScopes.join(" ");
  const row = existing
    ? changed
      ? await tx.teamsConnection.update({ where: { id: existing.id }, data })
      : existing
    : await tx.teamsConnection.create({ data: { ...data, userId: user.id, integrationId } });

  if (changed) {
    await recordAudit(
      {
        action: existing ? "connection.overridden" : "connection.created",
        target: user,
        details: {
          connectionId: account.connectionId,
          tenantId: data.tenantId,
          source,
          scopes: data.grantedScopes,
          ...(broken ? { status: data.status } : {}),
        },
      },
      tx,
    );
  }
  // Only a request whose prompt went out in a Connect session is done: a "switch account"
  // (prompt=login) does not answer a consent request, nor does a session opened before it.
  const pending = broken
    ? []
    : await tx.repromptRequest.findMany({
        where: { userId: user.id, completedAt: null, cancelledAt: null, promptedAt: { not: null } },
      });
  if (pending.length > 0) {
    await tx.repromptRequest.updateMany({
      where: { id: { in: pending.map((p) => p.id) } },
      data: { completedAt: new Date() },
    });
    for (const request of pending) {
      await recordAudit(
        { action: "reprompt.completed", target: user, details: { prompt: request.prompt, source } },
        tx,
      );
    }
  }
  const replaced = existing && existing.nangoConnectionId !== account.connectionId ? existing.nangoConnectionId : null;
  return { duplicate: false, row, replacedConnectionId: replaced, changed };
}

/**
 * Logs a webhook delivery; false when the same delivery was logged before. ON CONFLICT
 * DO NOTHING makes concurrent duplicates wait for the first and then do nothing.
 */
export async function claimWebhookEvent(
  tx: Pick<Prisma.TransactionClient, "webhookEvent">,
  event: Prisma.WebhookEventCreateManyInput,
) {
  const { count } = await tx.webhookEvent.createMany({ data: [event], skipDuplicates: true });
  return count === 1;
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
