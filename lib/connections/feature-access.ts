import "server-only";
import { findUserConnection } from "@/lib/dal/connections/find-user-connection";
import { missingScopes } from "@/lib/scopes";

/** The Graph permission each feature needs that an administrator may have to approve. */
export const FEATURE_SCOPES = {
  channelMessages: "ChannelMessage.Read.All",
} as const;

export type Feature = keyof typeof FEATURE_SCOPES;

/**
 * Whether the user's connection holds what a feature needs. A user in a strict tenant
 * connects with the permissions they may consent to; a feature whose permission needs
 * an administrator then explains itself in place instead of failing at Graph.
 */
export async function featureAccess(
  userId: string,
  feature: Feature,
): Promise<{ allowed: boolean; tenantId: string | null }> {
  const row = await findUserConnection(userId);
  const allowed = !!row && missingScopes([FEATURE_SCOPES[feature]], row.grantedScopes).length === 0;
  return { allowed, tenantId: row?.tenantId ?? null };
}
