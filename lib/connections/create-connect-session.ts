import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { integrationId, nango } from "@/lib/nango/client";
import { nangoFailure } from "@/lib/nango/errors";
import { findUserConnection } from "@/lib/dal/connections/find-user-connection";
import { withNangoRetry } from "@/lib/nango/rate-limit-retry";
import { consentRepromptVerdict } from "@/lib/tenants/consent-safety";
import { getTenantConsent } from "@/lib/tenants/tenant-consent";
import { scopesOverride, type ConnectIntent } from "./connect-scopes";

export type { ConnectIntent } from "./connect-scopes";

export interface ConnectSessionView {
  token: string;
  expiresAt: string;
  reconnect: boolean;
  prompt: "consent" | "login" | null;
}

/**
 * Creates a Nango Connect session for the signed-in user. The `prompt` sent to
 * Microsoft is decided here, never taken from the browser: `login` when the user asks
 * to switch accounts, otherwise whatever an admin's pending re-prompt requires, and
 * nothing by default (a permanent `prompt=consent` loops in admin-consent tenants).
 * A consent prompt is dropped where it cannot succeed (the tenant restricts user
 * consent or holds a tenant-wide grant, or the user already could not complete it),
 * and never carries an admin-only scope. A user who already has a connection gets a
 * reconnect session, so its id stays.
 */
export async function createConnectSessionFor(user: CurrentUser, intent: ConnectIntent): Promise<ConnectSessionView> {
  const [existing, pending, account] = await Promise.all([
    findUserConnection(user.id),
    db.repromptRequest.findFirst({
      where: { userId: user.id, completedAt: null, cancelledAt: null },
      orderBy: { createdAt: "desc" },
    }),
    db.user.findUnique({ where: { id: user.id }, select: { microsoftTenant: true } }),
  ]);
  const requested = intent === "switch_account" ? "login" : (pending?.prompt ?? null);
  const consentSafe =
    requested !== "consent" ||
    (!pending?.blockedAt &&
      consentRepromptVerdict(await getTenantConsent(existing?.tenantId ?? account?.microsoftTenant)).safe);
  const prompt = consentSafe ? requested : null;
  const endUser = { id: user.id, email: user.email, display_name: user.name };
  const override = scopesOverride(intent, prompt);
  const config = {
    ...(prompt ? { authorization_params: { prompt } } : {}),
    ...(override ? { connection_config: { oauth_scopes_override: override } } : {}),
  };
  const defaults = Object.keys(config).length ? { [integrationId]: config } : undefined;
  const tags = { app_user_id: user.id };
  try {
    const { data } = existing
      ? await withNangoRetry(() =>
          nango.createReconnectSession({
            connection_id: existing.nangoConnectionId,
            integration_id: integrationId,
            end_user: endUser,
            integrations_config_defaults: defaults,
            tags,
          }),
        )
      : await withNangoRetry(() =>
          nango.createConnectSession({
            end_user: endUser,
            allowed_integrations: [integrationId],
            integrations_config_defaults: defaults,
            tags,
          }),
        );
    if (pending && prompt === pending.prompt) {
      // This session carries the admin's prompt: completing it completes the request.
      await db.repromptRequest.update({ where: { id: pending.id }, data: { promptedAt: new Date() } });
    }
    return { token: data.token, expiresAt: data.expires_at, reconnect: !!existing, prompt };
  } catch (error) {
    const failure = nangoFailure(error);
    logger.error("could not create a Nango connect session", { status: failure?.status, code: failure?.code });
    if (existing && failure?.status === 400) {
      // The connection vanished in Nango (deleted from its dashboard): forget it, start over.
      await db.teamsConnection.deleteMany({ where: { id: existing.id } });
      return createConnectSessionFor(user, intent);
    }
    throw new AppError("upstream_unavailable", "Couldn't start connecting to Microsoft Teams. Try again in a moment.");
  }
}
