import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { invalidateUserCache } from "@/lib/graph/cache";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { integrationId, nango } from "@/lib/nango/client";
import { isUnknownConnection } from "@/lib/nango/errors";
import { isTenantAllowed } from "@/lib/settings/allowed-tenants";
import type { NangoAccount } from "./nango-account";
import { saveMapping, type SaveMappingInput, type SaveMappingResult } from "./save-mapping";

/**
 * Applies the rules every new connection must pass, whichever signal brought it:
 * a personal Microsoft account is refused (it has no Teams work data), and the
 * account's tenant must be allowed (else the Nango connection is deleted and nothing is
 * mapped). A tenant not known yet is never a reason to delete: Nango writes it after the
 * Connect UI reports success, so with allowed tenants set the caller is asked to try
 * again (`tenant_pending`) and Nango's webhook confirms the connection meanwhile.
 * Then saves the mapping and deletes a connection it replaced.
 */
export async function acceptConnection(input: SaveMappingInput): Promise<SaveMappingResult> {
  const { user, account } = input;
  if (account.personal) {
    await deleteNangoConnection(account.connectionId);
    await recordAudit({
      action: "connection.refused_personal",
      target: user,
      details: { connectionId: account.connectionId, source: input.source },
    });
    throw personalAccount();
  }
  if (!(await isTenantAllowed(account.tenantId))) {
    // Not known yet is not "not allowed": ask again rather than delete (one read of the list).
    if (!account.tenantId) {
      throw new AppError(
        "tenant_pending",
        "Microsoft hasn't told us your organization yet. This takes a moment; trying again…",
        1,
      );
    }
    await deleteNangoConnection(account.connectionId);
    await recordAudit({
      action: "connection.refused_tenant",
      target: user,
      details: { connectionId: account.connectionId, tenantId: account.tenantId, source: input.source },
    });
    throw tenantNotAllowed();
  }
  const result = await saveMapping(input);
  // A new or renewed grant may see different data (scopes, account): drop cached Graph reads.
  if (result.changed) await invalidateUserCache(user.id);
  if (result.replacedConnectionId) {
    // The user connected a second time without a reconnect session: keep one connection.
    await deleteNangoConnection(result.replacedConnectionId).catch((error: unknown) =>
      logger.warn("could not delete replaced Nango connection", { error }),
    );
  }
  return result;
}

/** Deletes a connection in Nango; one that is already gone counts as deleted. */
export async function deleteNangoConnection(connectionId: string): Promise<void> {
  try {
    await nango.deleteConnection(integrationId, connectionId);
  } catch (error) {
    if (isUnknownConnection(error)) return;
    throw new AppError(
      "upstream_unavailable",
      "Nango could not be reached to remove the connection. Try again in a moment.",
    );
  }
}

export function assertOwnedBy(account: NangoAccount, userId: string): void {
  if (account.endUserId !== userId) {
    throw new AppError("forbidden", "This connection was not made by your account.");
  }
}

export function tenantNotAllowed(): AppError {
  return new AppError(
    "tenant_not_allowed",
    "Your Microsoft organization is not allowed to connect to this app. Ask your administrator to allow it, or connect a work account from an allowed organization.",
  );
}

export function personalAccount(): AppError {
  return new AppError(
    "personal_account",
    "That is a personal Microsoft account, which has no Microsoft Teams work data. Connect your work or school account instead.",
  );
}
