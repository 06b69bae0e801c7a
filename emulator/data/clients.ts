/**
 * App registrations known to the emulated Entra ID: the Nango integration's client
 * and the app's own "Sign in with Microsoft" client. `permissions` is what `.default`
 * expands to (the app registration's configured API permissions).
 */
import type { EmulatorConfig } from "../core/config";

export interface RegisteredClient {
  /** Which app: the Nango integration's, or the app's own sign-in. */
  kind: "nango" | "app";
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** Redirect URIs must match exactly, as Entra ID requires (except localhost ports). */
  allowsRedirect(uri: string): boolean;
  permissions: string[];
}

const OIDC = new Set(["openid", "profile", "email", "offline_access"]);
// Entra ID ignores the port of http://localhost redirect URIs; the app runs on any port.
const APP_CALLBACK = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/api\/auth\/callback\/microsoft$/;
// The app's admin console sends tenant admins to /adminconsent with the Nango app's client id.
const ADMIN_CONSENT_CALLBACK = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/api\/tenant-consent\/callback$/;

export function registeredClients(config: EmulatorConfig): RegisteredClient[] {
  return [
    {
      kind: "nango",
      clientId: config.nango.clientId,
      clientSecret: config.nango.clientSecret,
      displayName: "Teams Connect (via Nango)",
      allowsRedirect: (uri) => uri === `${config.origins.nango}/oauth/callback` || ADMIN_CONSENT_CALLBACK.test(uri),
      permissions: config.nango.scopes.filter((scope) => !OIDC.has(scope) && scope !== ".default"),
    },
    {
      kind: "app",
      clientId: config.appSignIn.clientId,
      clientSecret: config.appSignIn.clientSecret,
      displayName: "Teams Connect",
      allowsRedirect: (uri) => APP_CALLBACK.test(uri),
      permissions: ["User.Read"],
    },
  ];
}
