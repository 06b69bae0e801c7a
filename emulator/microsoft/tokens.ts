/**
 * Token minting. Access tokens look like Graph's (v1.0 format, `aud` = Graph's app id,
 * `scp`, `tid`, `oid`, `upn`), signed RS256 with the emulator key so the Graph stand-in
 * can verify them. Refresh tokens are opaque and only issued with `offline_access`.
 *
 * As Entra v2 does, `scp` and the response's `scope` carry every scope granted for Graph
 * (the user's consents and the tenant-wide admin grant), not only the requested ones;
 * `scope` uses the `https://graph.microsoft.com/Chat.Read` form unless switched to short
 * names; `expires_in` varies between tokens (60–90 minutes). Personal accounts get opaque
 * access tokens (no JWT, so no `tid` to read); Graph looks them up in the identity state.
 */
import { createHash, randomUUID } from "node:crypto";
import type { RegisteredClient } from "../data/clients";
import type { TenantUser } from "../data/types";
import { data, grantedScopes, type LoginDeps } from "./deps";
import { OIDC_SCOPES, prefixed } from "./scopes";
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
  const granted = [...grantedScopes(deps, client.clientId, user)].filter((scope) => !OIDC_SCOPES.has(scope));
  // Graph tokens carry the requested OIDC scopes in scp too (never offline_access).
  const scp = [...new Set([...scopes, ...granted])].filter((scope) => scope !== "offline_access");
  const uti = randomUUID().replace(/-/g, "").slice(0, 22);
  // Deterministic per token: 3599 s plus up to 30 minutes, like Entra's 60–90 min lifetimes.
  const lifetime = ACCESS_TOKEN_SECONDS + (createHash("sha256").update(uti).digest().readUInt16BE(0) % 1801);
  const personal = data(deps).tenant(user.tenantId)?.kind === "consumers";
  const accessToken = personal
    ? opaqueToken("EwA")
    : signJwt(
        {
          aud: GRAPH_APP_ID,
          iss: `https://sts.windows.net/${user.tenantId}/`,
          iat: now,
          nbf: now,
          exp: now + lifetime,
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
          uti,
          ver: "1.0",
        },
        key,
      );
  if (personal) {
    const store = deps.state.data.opaqueAccessTokens;
    for (const [token, value] of Object.entries(store)) if (value.expiresAt < Date.now()) delete store[token];
    store[accessToken] = {
      userId: user.id,
      clientId: client.clientId,
      scopes: scp,
      expiresAt: (now + lifetime) * 1000,
    };
    deps.state.changed();
  }
  const format = deps.state.data.scopeFormat === "short" ? (scope: string) => scope : prefixed;
  const response: TokenResponse = {
    token_type: "Bearer",
    scope: scp.map(format).join(" "),
    expires_in: lifetime,
    ext_expires_in: lifetime,
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
