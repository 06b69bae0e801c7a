/**
 * Bodies of Nango's `auth` webhooks (packages/webhooks/lib/auth.ts). Success bodies carry
 * the connection's tags and the session's end user; a failed creation has neither; a
 * failed refresh has the connection's tags but no end user.
 */
import type { EmulatorConfig } from "../core/config";
import type { Integration } from "./integration";
import type { ConnectionRecord, EndUser } from "./state";

type Operation = "creation" | "override" | "refresh";

export function authWebhookBody(
  config: EmulatorConfig,
  integration: Integration,
  input: {
    connectionId: string;
    operation: Operation;
    connection?: ConnectionRecord;
    endUser?: EndUser | null;
    error?: { type: string; description: string };
  },
) {
  const endUser = input.endUser;
  return {
    from: "nango",
    type: "auth",
    connectionId: input.connectionId,
    providerConfigKey: integration.uniqueKey,
    authMode: "OAUTH2",
    provider: integration.provider,
    environment: config.nango.environment,
    operation: input.operation,
    tags: input.connection?.tags,
    endUser: endUser
      ? {
          endUserId: endUser.id,
          endUserEmail: endUser.email ?? undefined,
          organizationId: endUser.organization?.id,
          tags: endUser.tags ?? {},
        }
      : undefined,
    ...(input.error ? { success: false, error: input.error } : { success: true }),
  };
}
