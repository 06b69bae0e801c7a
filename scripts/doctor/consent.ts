/**
 * What the database shows about Nango's webhooks and admin consent, checked while the
 * doctor has the database open:
 * - "Nango auth webhooks": creation webhooks are opt-in per Nango environment (off by
 *   default) and Nango's API does not tell a secret key whether they are on, so the
 *   doctor looks at what arrived: connections older than a few minutes that no creation
 *   or override webhook ever mentioned mean they are off (and so, most likely, are the
 *   refresh-failure ones);
 * - "Admin consent": a configured scope that needs an administrator, in a tenant where
 *   no organization-wide grant is recorded and no connection holds that scope.
 */
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { isAdminOnlyScope, missingScopes } from "../../lib/scopes";
import { pass, warn, type CheckResult } from "./types";

const SETTLED_MS = 5 * 60_000;
const ENABLE =
  "in Nango > Environment settings > Webhooks, enable the webhooks for new connections (auth creation) and for refresh errors";

export async function checkAuthWebhooks(prisma: PrismaClient, now = Date.now()): Promise<CheckResult> {
  const title = "Nango auth webhooks";
  const settled = await prisma.teamsConnection.findMany({
    where: { createdAt: { lt: new Date(now - SETTLED_MS) } },
    select: { nangoConnectionId: true },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  if (settled.length === 0) return pass(title, "no connection old enough to tell yet");
  const seen = await prisma.webhookEvent.findMany({
    where: {
      connectionId: { in: settled.map((c) => c.nangoConnectionId) },
      operation: { in: ["creation", "override"] },
    },
    select: { connectionId: true },
    distinct: ["connectionId"],
  });
  if (seen.length > 0) return pass(title, `received for ${seen.length} of the ${settled.length} newest connections`);
  return warn(
    title,
    `none received for the ${settled.length} newest connections: Nango's creation and refresh-failure webhooks look off, so refresh failures go unnoticed until a Graph call fails`,
    ENABLE,
  );
}

export async function checkAdminConsent(prisma: PrismaClient, requiredScopes: string[]): Promise<CheckResult> {
  const title = "Admin consent";
  const adminOnly = requiredScopes.filter(isAdminOnlyScope);
  if (adminOnly.length === 0) return pass(title, "no configured scope needs an administrator");
  const [granted, connections] = await Promise.all([
    prisma.tenantConsent.findMany({ where: { adminGrantedAt: { not: null } }, select: { tenantId: true } }),
    prisma.teamsConnection.findMany({
      where: { tenantId: { not: null } },
      select: { tenantId: true, grantedScopes: true },
    }),
  ]);
  const grantedTenants = new Set(granted.map((g) => g.tenantId.toLowerCase()));
  const tenants = new Map<string, boolean>();
  for (const c of connections) {
    const id = c.tenantId!.toLowerCase();
    const hasAll = missingScopes(adminOnly, c.grantedScopes).length === 0;
    tenants.set(id, (tenants.get(id) ?? false) || hasAll || grantedTenants.has(id));
  }
  const lacking = [...tenants].filter(([, ok]) => !ok).map(([id]) => id);
  const fix =
    "an administrator of each tenant grants the app for the organization: Admin > Organizations & consent > Grant for the whole organization (or Entra ID > API permissions > Grant admin consent)";
  if (lacking.length > 0) {
    return warn(
      title,
      `${adminOnly.join(", ")} needs an administrator's consent, not granted in ${lacking.length} tenant(s): ${lacking.slice(0, 5).join(", ")}`,
      fix,
    );
  }
  if (tenants.size === 0)
    return warn(
      title,
      `${adminOnly.join(", ")} needs an administrator's consent in every tenant; no tenant has connected yet`,
      fix,
    );
  return pass(title, `granted in every tenant with connections (${tenants.size})`);
}
