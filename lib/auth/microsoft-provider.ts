import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env } from "@/lib/env";

interface MicrosoftIdTokenClaims {
  sub: string;
  oid: string;
  tid: string;
  name?: string;
  email?: string;
  preferred_username?: string;
}

/**
 * "Sign in with Microsoft" as plain OpenID Connect against the identity platform at
 * MICROSOFT_LOGIN_URL (login.microsoftonline.com, or the emulator offline). next-auth's
 * own Azure AD provider hard-codes Microsoft's hosts and fetches a photo from Graph on
 * every sign-in, so we describe the provider ourselves.
 */
export function microsoftProvider(): OAuthConfig<MicrosoftIdTokenClaims> {
  const issuerBase = `${env.MICROSOFT_LOGIN_URL.replace(/\/$/, "")}/${env.MICROSOFT_TENANT_ID}/v2.0`;
  return {
    id: "microsoft",
    name: "Microsoft",
    type: "oauth",
    wellKnown: `${issuerBase}/.well-known/openid-configuration`,
    clientId: env.MICROSOFT_CLIENT_ID,
    clientSecret: env.MICROSOFT_CLIENT_SECRET,
    authorization: { params: { scope: "openid profile email", response_mode: "query" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile(claims) {
      return {
        id: claims.oid,
        name: claims.name ?? claims.preferred_username ?? claims.email ?? claims.oid,
        email: (claims.email ?? claims.preferred_username ?? "").toLowerCase(),
      };
    },
  };
}
