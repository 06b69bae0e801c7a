import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isAdminOnlyScope } from "@/lib/scopes";
import { getAllowedTenants } from "@/lib/settings/allowed-tenants";
import { consentRepromptVerdict, type ConsentRepromptVerdict } from "@/lib/tenants/consent-safety";
import { toView, type TenantConsentView } from "@/lib/tenants/tenant-consent";
import { isTenantId } from "@/lib/tenants/tenant-id";

export interface AdminTenantRow {
  tenantId: string;
  displayName: string | null;
  /** App users whose connection is in this tenant. */
  connectedUsers: number;
  /** Of those, how many hold every admin-only scope the app asks for. */
  withAdminScopes: number;
  consent: TenantConsentView;
  consentReprompt: ConsentRepromptVerdict;
}

/**
 * Every Microsoft tenant the app has met (connections, Microsoft sign-ins, the allowed
 * list, recorded consents), with what the app knows of its consent: a tenant-wide grant
 * and whether its users may consent, and whether a consent re-prompt is safe there.
 */
export async function listTenants(): Promise<AdminTenantRow[]> {
  const adminScopes = env.requiredScopes.filter(isAdminOnlyScope).map((s) => s.toLowerCase());
  const [consents, connections, signIns, allowed] = await Promise.all([
    db.tenantConsent.findMany(),
    db.teamsConnection.findMany({
      where: { tenantId: { not: null } },
      select: { tenantId: true, grantedScopes: true, accountEmail: true },
    }),
    db.user.findMany({
      where: { microsoftTenant: { not: null } },
      select: { microsoftTenant: true, organizationName: true },
    }),
    getAllowedTenants(),
  ]);
  const rows = new Map<string, { displayName: string | null; connectedUsers: number; withAdminScopes: number }>();
  const row = (id: string) => {
    const key = id.toLowerCase();
    let entry = rows.get(key);
    if (!entry) rows.set(key, (entry = { displayName: null, connectedUsers: 0, withAdminScopes: 0 }));
    return entry;
  };
  for (const c of connections) {
    const entry = row(c.tenantId!);
    entry.connectedUsers += 1;
    const granted = new Set(c.grantedScopes.map((s) => s.toLowerCase()));
    if (adminScopes.every((s) => granted.has(s))) entry.withAdminScopes += 1;
    entry.displayName ??= c.accountEmail?.split("@")[1] ?? null;
  }
  for (const u of signIns) {
    const entry = row(u.microsoftTenant!);
    if (u.organizationName) entry.displayName = u.organizationName;
  }
  for (const id of allowed) if (isTenantId(id)) row(id);
  const byId = new Map(consents.map((c) => [c.tenantId, c]));
  for (const c of consents) row(c.tenantId);
  return [...rows.entries()]
    .map(([tenantId, entry]) => {
      const stored = byId.get(tenantId);
      const consent = stored
        ? toView(stored)
        : {
            tenantId,
            displayName: null,
            adminGrantedAt: null,
            adminGrantedBy: null,
            userConsent: "unknown" as const,
            userConsentSource: null,
          };
      return {
        tenantId,
        ...entry,
        displayName: stored?.displayName ?? entry.displayName,
        consent,
        consentReprompt: consentRepromptVerdict(consent),
      };
    })
    .sort((a, b) => (a.displayName ?? a.tenantId).localeCompare(b.displayName ?? b.tenantId));
}
