import "server-only";
import type { Organization, User } from "@microsoft/microsoft-graph-types";
import { logger } from "@/lib/logger";
import type { GraphConnection } from "./connection";
import { graphRequest } from "./request";

export interface AccountIdentity {
  email: string | null;
  name: string | null;
  /** The Microsoft tenant (Entra organization) of the account; null when Graph did not say. */
  tenantId: string | null;
  /** Graph answered /organization with no organization: a personal Microsoft account. */
  personal: boolean;
}

/** Short: a person is waiting on the connect event; the webhook confirms later anyway. */
const DEADLINE_MS = 5_000;

/**
 * Who a Nango connection belongs to, read through the proxy before any mapping exists:
 * `/me` for the name and `/organization` for the tenant, the fallback for when Nango's
 * post-connection hook has not written `tenantId` yet (it runs after the Connect UI's
 * success); skipped when the caller knows the tenant already. Failures leave fields null: the caller decides what an unknown tenant means.
 */
export async function readAccountIdentity(
  nangoConnectionId: string,
  { tenant = true }: { tenant?: boolean } = {},
): Promise<AccountIdentity> {
  const connection: GraphConnection = {
    userId: null,
    mappingId: null,
    teamIds: [],
    nangoConnectionId,
    tenantKey: `connection:${nangoConnectionId}`,
    accountEmail: null,
  };
  const deadline = Date.now() + DEADLINE_MS;
  const [me, organization] = await Promise.all([
    graphRequest<User>(
      connection,
      { endpoint: "/v1.0/me?$select=displayName,mail,userPrincipalName" },
      { deadline },
    ).then(
      (response) => response.data,
      (error: unknown) => void logger.warn("could not read the connected account", { error }),
    ),
    tenant
      ? graphRequest<{ value?: Organization[] }>(
          connection,
          { endpoint: "/v1.0/organization?$select=id" },
          { deadline },
        ).then(
          (response) => response.data,
          (error: unknown) => void logger.warn("could not read the connected account's organization", { error }),
        )
      : undefined,
  ]);
  const organizations = organization?.value;
  return {
    email: me?.mail ?? me?.userPrincipalName ?? null,
    name: me?.displayName ?? null,
    tenantId: organizations?.[0]?.id ?? null,
    personal: Array.isArray(organizations) && organizations.length === 0,
  };
}
