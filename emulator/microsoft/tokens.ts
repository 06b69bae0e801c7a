/**
 * Token minting. Access tokens look like Graph's (v1.0 format, `aud` = Graph's app id,
 * `scp`, `tid`, `oid`, `upn`), signed RS256 with the emulator key so the Graph stand-in
 * can verify them. Refresh tokens are opaque and only issued with `offline_access`.
 */
import { createHash, randomUUID } from "node:crypto";
import type { RegisteredClient } from "../data/clients";
import type { TenantUser } from "../data/types";
import type { LoginDeps } from "./deps";
import { signJwt } from "./jwt";
import { signingKey } from "./keys";
import { opaqueToken } from "./state";

export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const ACCESS_TOKEN_SECONDS = 3599;

export interface TokenResponse {
  token_type: "Bearer";
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}

/** The v2.0 issuer for a tenant; the discovery document of that tenant announces the same. */
export function issuerFor(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

export function issueTokens(
  deps: LoginDeps,
  client: RegisteredClient,
  user: TenantUser,
  /** Scopes for this access token. */
  scopes: string[],
  /** Scopes of the whole grant (kept on the rotated refresh token). */
  grantScopes: string[],
  nonce: string | null,
): TokenResponse {
  const key = signingKey(deps.ctx);
  const now = Math.floor(Date.now() / 1000);
  // Graph tokens carry the OIDC scopes in scp too (never offline_access).
  const scp = scopes.filter((scope) => scope !== "offline_access");
  const accessToken = signJwt(
    {
      aud: GRAPH_APP_ID,
      iss: `https://sts.windows.net/${user.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + ACCESS_TOKEN_SECONDS,
      appid: client.clientId,
      appidacr: "1",
      azp: client.clientId,
      idtyp: "user",
      name: user.displayName,
      given_name: user.givenName,
      family_name: user.surname,
      oid: user.id,
      scp: scp.join(" "),
      sub: pairwiseSub(user, GRAPH_APP_ID),
      tid: user.tenantId,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      uti: randomUUID().replace(/-/g, "").slice(0, 22),
      ver: "1.0",
    },
    key,
  );
  const response: TokenResponse = {
    token_type: "Bearer",
    scope: scp.join(" "),
    expires_in: ACCESS_TOKEN_SECONDS,
    ext_expires_in: ACCESS_TOKEN_SECONDS,
    access_token: accessToken,
  };
  if (grantScopes.includes("offline_access")) {
    const refreshToken = opaqueToken("1.AR");
    deps.state.data.refreshTokens[refreshToken] = {
      clientId: client.clientId,
      userId: user.id,
      tenantId: user.tenantId,
      scopes: grantScopes,
      issuedAt: Date.now(),
    };
    deps.state.changed();
    response.refresh_token = refreshToken;
  }
  if (scopes.includes("openid")) {
    response.id_token = signJwt(
      {
        ver: "2.0",
        iss: issuerFor(deps.origin, user.tenantId),
        sub: pairwiseSub(user, client.clientId),
        aud: client.clientId,
        exp: now + 3600,
        iat: now,
        nbf: now,
        ...(nonce ? { nonce } : {}),
        oid: user.id,
        tid: user.tenantId,
        name: scopes.includes("profile") ? user.displayName : undefined,
        preferred_username: user.userPrincipalName,
        ...(scopes.includes("email") ? { email: user.mail } : {}),
        uti: randomUUID().replace(/-/g, "").slice(0, 22),
      },
      key,
    );
  }
  return response;
}

/** `sub` is pairwise in Entra ID: stable per user and application, different across apps. */
function pairwiseSub(user: TenantUser, audience: string): string {
  return createHash("sha256").update(`${user.id}|${audience}`).digest("base64url").slice(0, 43);
}
