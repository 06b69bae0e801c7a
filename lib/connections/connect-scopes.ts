import "server-only";
import { env } from "@/lib/env";
import { userConsentableScopes, WRITE_SCOPES } from "@/lib/scopes";

/** Why the user opens the Connect UI. The browser may only pick one of these. */
export type ConnectIntent = "connect" | "switch_account" | "basic" | "write";
export const CONNECT_INTENTS = ["connect", "switch_account", "basic", "write"] as const satisfies ConnectIntent[];

/**
 * The scopes one Connect session asks Microsoft for, as Nango's
 * `connection_config.oauth_scopes_override` (comma separated), or undefined for the
 * integration's full set. Least privilege where a full request cannot succeed:
 * - "basic": the user chose to connect without what needs an administrator;
 * - a forced consent prompt: `prompt=consent` shows every requested scope to the user,
 *   and an admin-only one would stop a non-admin at "Need admin approval" even after a
 *   tenant-wide grant (the admin-consent loop). Admin-granted scopes stay in the token:
 *   Microsoft's tokens carry every permission granted for the resource.
 * - "write": the first send asks for the write permissions on top (incremental consent),
 *   without the admin-only ones for the same reason.
 */
export function scopesOverride(intent: ConnectIntent, prompt: "consent" | "login" | null): string | undefined {
  if (intent === "write") return userConsentableScopes([...env.requiredScopes, ...WRITE_SCOPES]).join(",");
  if (intent !== "basic" && prompt !== "consent") return undefined;
  return userConsentableScopes(env.requiredScopes).join(",");
}
