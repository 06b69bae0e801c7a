import { missingWritePermissions } from "@/lib/scopes";
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { integrationId } from "@/lib/nango/client";
import { connectionHealth } from "./connection-health";
import type { ConnectionHealth, PromptKind } from "./statuses";
import { requiredScopesForSql, userFilterSql, type UserFilter } from "./user-filter";

export const USERS_PAGE_SIZE = 50;

/** One row of the admin table: plain data, no tokens or Nango internals. */
export interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  role: "user" | "admin";
  health: ConnectionHealth;
  missingScopes: string[];
  /** Write permissions not granted (asked for on the user's first send; reading works without). */
  missingWriteScopes: string[];
  connection: {
    accountEmail: string | null;
    accountName: string | null;
    tenantId: string | null;
    grantedScopes: string[];
    lastError: { code: string; at: string } | null;
    lastUsedAt: string | null;
    connectedAt: string;
  } | null;
  pendingReprompt: { prompt: PromptKind; reason: string; requestedAt: string } | null;
}

export interface AdminUserPage {
  rows: AdminUserRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

const FROM = Prisma.sql`FROM "User" u LEFT JOIN "TeamsConnection" c ON c."userId" = u."id" AND c."integrationId" = ${integrationId}`;

/**
 * One page (1-based, clamped) of users matching the filter, ordered by name. Filtering,
 * counting and paging happen in SQL; only the page's 50 users are then loaded in full.
 */
export async function listUsers(filter: UserFilter, page = 1, required = env.requiredScopes): Promise<AdminUserPage> {
  const where = userFilterSql(filter, requiredScopesForSql(required));
  const [{ total } = { total: 0 }] = await db.$queryRaw<
    { total: number }[]
  >`SELECT count(*)::int AS total ${FROM} WHERE ${where}`;
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT u."id" ${FROM} WHERE ${where}
    ORDER BY lower(u."name"), u."email"
    LIMIT ${USERS_PAGE_SIZE} OFFSET ${(current - 1) * USERS_PAGE_SIZE}`;
  const rows = await loadRows(
    ids.map((r) => r.id),
    required,
  );
  return { rows, total, page: current, pageCount, pageSize: USERS_PAGE_SIZE };
}

/** Every user id matching the filter (for "re-prompt all users matching this filter"). */
export async function findUserIdsMatching(filter: UserFilter, required = env.requiredScopes): Promise<string[]> {
  const where = userFilterSql(filter, requiredScopesForSql(required));
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT u."id" ${FROM} WHERE ${where} ORDER BY u."id"`;
  return rows.map((r) => r.id);
}

async function loadRows(ids: string[], required: string[]): Promise<AdminUserRow[]> {
  if (ids.length === 0) return [];
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    include: {
      connections: { where: { integrationId } },
      repromptRequests: { where: { completedAt: null, cancelledAt: null }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return ids.flatMap((id) => {
    const user = byId.get(id);
    if (!user) return [];
    const row = user.connections[0];
    const pending = user.repromptRequests[0];
    const { health, missing } = connectionHealth(row, required);
    return [
      {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        health,
        missingScopes: missing,
        missingWriteScopes: row ? missingWritePermissions(row.grantedScopes) : [],
        connection: row
          ? {
              accountEmail: row.accountEmail,
              accountName: row.accountName,
              tenantId: row.tenantId,
              grantedScopes: row.grantedScopes,
              lastError:
                row.lastErrorCode && row.lastErrorAt
                  ? { code: row.lastErrorCode, at: row.lastErrorAt.toISOString() }
                  : null,
              lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
              connectedAt: row.createdAt.toISOString(),
            }
          : null,
        pendingReprompt: pending
          ? { prompt: pending.prompt, reason: pending.reason, requestedAt: pending.createdAt.toISOString() }
          : null,
      },
    ];
  });
}
