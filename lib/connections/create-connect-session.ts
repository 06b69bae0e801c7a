import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { integrationId, nango } from "@/lib/nango/client";
import { nangoFailure } from "@/lib/nango/errors";
import { findUserConnection } from "@/lib/dal/connections/find-user-connection";

/** Why the user opens the Connect UI. The browser may only pick one of these. */
export type ConnectIntent = "connect" | "switch_account";

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
 * A user who already has a connection gets a reconnect session, so its id stays.
 */
export async function createConnectSessionFor(user: CurrentUser, intent: ConnectIntent): Promise<ConnectSessionView> {
  const [existing, pending] = await Promise.all([
    findUserConnection(user.id),
    db.repromptRequest.findFirst({ where: { userId: user.id, completedAt: null, cancelledAt: null }, orderBy: { createdAt: "desc" } }),
  ]);
  const prompt = intent === "switch_account" ? "login" : (pending?.prompt ?? null);
  const endUser = { id: user.id, email: user.email, display_name: user.name };
  const defaults = prompt ? { [integrationId]: { authorization_params: { prompt } } } : undefined;
  const tags = { app_user_id: user.id };
  try {
    const { data } = existing
      ? await nango.createReconnectSession({
          connection_id: existing.nangoConnectionId,
          integration_id: integrationId,
          end_user: endUser,
          integrations_config_defaults: defaults,
          tags,
        })
      : await nango.createConnectSession({
          end_user: endUser,
          allowed_integrations: [integrationId],
          integrations_config_defaults: defaults,
          tags,
        });
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
