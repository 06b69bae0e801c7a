import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { scopeKeys } from "@/lib/scopes";
import { USER_FILTERS, type UserStatusFilter } from "./statuses";

export const userFilterSchema = z.object({
  status: z.enum(USER_FILTERS).optional(),
  q: z.string().trim().max(200).optional(),
});
export type UserFilter = z.infer<typeof userFilterSchema>;

/** `?status=&q=` from a page or route; unknown or empty values mean "no filter". */
export function parseUserFilter(params: { status?: unknown; q?: unknown }): UserFilter {
  const status = USER_FILTERS.find((s) => s === params.status);
  const q = typeof params.q === "string" && params.q.trim() ? params.q.trim().slice(0, 200) : undefined;
  return { status, q };
}

/**
 * The required scopes a grant is compared with, normalised: the same rule as
 * `missingScopes` (Graph prefix dropped, case-insensitive, OIDC scopes never count), so
 * the SQL filter and the flag shown in each row always agree.
 */
export function requiredScopesForSql(required: string[] = env.requiredScopes): string[] {
  return scopeKeys(required);
}

/**
 * WHERE clause over `"User" u LEFT JOIN "TeamsConnection" c`. "Missing scopes" must be
 * computed in SQL (not after loading) so pages and counts stay right for thousands of
 * users: the lower-cased required scopes must be contained (`<@`) in the grant.
 */
export function userFilterSql(filter: UserFilter, required = requiredScopesForSql()): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.status) parts.push(statusSql(filter.status, required));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      Prisma.sql`(u."name" ILIKE ${pattern} OR u."email" ILIKE ${pattern} OR c."accountEmail" ILIKE ${pattern})`,
    );
  }
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

const GRAPH_PREFIX_PATTERN = "^(https://graph\\.microsoft\\.com/|00000003-0000-0000-c000-000000000000/)";

function statusSql(status: UserStatusFilter, required: string[]): Prisma.Sql {
  // Normalised in SQL too (prefix dropped, lower-cased), like `normalizeScope` in lib/scopes.ts,
  // so a grant stored in Microsoft's prefixed form never counts as missing.
  const grantedKeys = Prisma.sql`ARRAY(SELECT lower(regexp_replace(g, ${GRAPH_PREFIX_PATTERN}, '', 'i')) FROM unnest(c."grantedScopes") AS g)`;
  const lacksScopes = Prisma.sql`NOT (${required}::text[] <@ ${grantedKeys})`;
  switch (status) {
    case "not_connected":
      return Prisma.sql`c."id" IS NULL`;
    case "connected":
      return Prisma.sql`(c."status" = 'connected' AND NOT ${lacksScopes})`;
    case "missing_scopes":
      return Prisma.sql`(c."status" = 'connected' AND ${lacksScopes})`;
    case "needs_reconnect":
      return Prisma.sql`c."status" = 'needs_reconnect'`;
    case "revoked":
      return Prisma.sql`c."status" = 'revoked'`;
    case "reprompt_pending":
      return Prisma.sql`EXISTS (SELECT 1 FROM "RepromptRequest" r WHERE r."userId" = u."id" AND r."completedAt" IS NULL AND r."cancelledAt" IS NULL)`;
  }
}
