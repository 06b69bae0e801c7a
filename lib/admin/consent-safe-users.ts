import "server-only";
import { db } from "@/lib/db";
import { integrationId } from "@/lib/nango/client";
import { consentRepromptVerdict } from "@/lib/tenants/consent-safety";
import { toView } from "@/lib/tenants/tenant-consent";

export interface SkippedConsentReprompt {
  userId: string;
  email: string;
  reason: "tenant_restricts_user_consent" | "tenant_wide_grant";
  message: string;
}

/**
 * Splits users into those a consent re-prompt is safe for and those it is not (their
 * tenant, from their connection or their Microsoft sign-in, restricts user consent or
 * holds a tenant-wide grant): the server refuses what the console also explains, so no
 * API caller can start an admin-consent loop either.
 */
export async function splitConsentSafe(
  userIds: string[],
): Promise<{ safe: string[]; skipped: SkippedConsentReprompt[] }> {
  const users = await db.user.findMany({
    where: { id: { in: userIds } },
    select: {
      id: true,
      email: true,
      microsoftTenant: true,
      connections: { where: { integrationId }, select: { tenantId: true } },
    },
  });
  const tenantOf = (u: (typeof users)[number]) =>
    (u.connections[0]?.tenantId ?? u.microsoftTenant)?.toLowerCase() ?? null;
  const tenantIds = [...new Set(users.map(tenantOf).filter((t): t is string => !!t))];
  const consents = new Map(
    (await db.tenantConsent.findMany({ where: { tenantId: { in: tenantIds } } })).map((c) => [c.tenantId, toView(c)]),
  );
  const safe: string[] = [];
  const skipped: SkippedConsentReprompt[] = [];
  const known = new Set(users.map((u) => u.id));
  for (const user of users) {
    const tenant = tenantOf(user);
    const verdict = consentRepromptVerdict(tenant ? (consents.get(tenant) ?? null) : null);
    if (verdict.safe) safe.push(user.id);
    else skipped.push({ userId: user.id, email: user.email, reason: verdict.reason, message: verdict.message });
  }
  // Unknown ids go on to requestReprompts, which skips them as it always has.
  return { safe: [...safe, ...userIds.filter((id) => !known.has(id))], skipped };
}
