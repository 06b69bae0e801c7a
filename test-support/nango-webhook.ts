/**
 * Nango's signed `auth` webhook, for tests, the bench, the soak and the smoke run: the body
 * comes from the emulator's own builder (emulator/nango/auth-webhook.ts) serialised the
 * way Nango does (sorted keys), and the headers from the emulator's signer, so every
 * caller sends the exact bytes and signature the emulator itself would.
 */
import type { EmulatorConfig } from "../emulator/core/config";
import { authWebhookBody } from "../emulator/nango/auth-webhook";
import type { Integration } from "../emulator/nango/integration";
import type { ConnectionRecord, EndUser } from "../emulator/nango/state";
import { stableStringify } from "../emulator/nango/stable-json";
import { signBody } from "../emulator/nango/webhooks";

export interface AuthWebhookInput {
  connectionId: string;
  operation?: "creation" | "override" | "refresh";
  /** The Connect session's end user; success bodies carry it. */
  endUser?: { id: string; email?: string; organizationId?: string };
  /** The connection's tags (Nango copies the end user's into them). */
  tags?: Record<string, string>;
  /** A failed creation or refresh. */
  error?: { type: string; description: string };
  environment?: string;
  integration?: string;
}

/** The exact body Nango sends for an auth webhook. */
export function authWebhook(input: AuthWebhookInput): string {
  const integration = input.integration ?? "microsoft-teams";
  // The builder reads only these fields of the emulator's config, integration and records.
  const config = { nango: { environment: input.environment ?? "dev" } } as EmulatorConfig;
  const endUser: EndUser | undefined = input.endUser && {
    id: input.endUser.id,
    email: input.endUser.email ?? null,
    display_name: null,
    tags: {},
    organization: input.endUser.organizationId ? { id: input.endUser.organizationId, display_name: null } : null,
  };
  const body = authWebhookBody(config, { uniqueKey: integration, provider: integration } as Integration, {
    connectionId: input.connectionId,
    operation: input.operation ?? "creation",
    connection: input.tags ? ({ tags: input.tags } as ConnectionRecord) : undefined,
    endUser,
    error: input.error,
  });
  return stableStringify(body);
}

/** Headers Nango puts on a webhook: the HMAC-SHA256 (and legacy SHA-256) of the exact body. */
export function signWebhook(body: string, key: string): Record<string, string> {
  const signatures = Object.entries(signBody(body, key)).map(([name, value]) => [name.toLowerCase(), value]);
  return { "content-type": "application/json", ...Object.fromEntries(signatures) };
}

/** An auth webhook and its headers, ready to POST to /api/webhooks/nango. */
export function signedAuthWebhook(
  input: AuthWebhookInput,
  key: string,
): { body: string; headers: Record<string, string> } {
  const body = authWebhook(input);
  return { body, headers: signWebhook(body, key) };
}
