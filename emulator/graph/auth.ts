/**
 * Bearer token checks as Graph does them: a signed, unexpired token for Graph's
 * audience (401 InvalidAuthenticationToken otherwise), then per-endpoint delegated
 * scopes (403 with Graph's "Missing scope permissions" message).
 */
import type { MiddlewareHandler } from "hono";
import type { EmulatorContext } from "../core/context";
import type { DatasetHolder } from "../data/registry";
import { verifyJwt } from "../microsoft/jwt";
import { identityState } from "../microsoft/state";
import { signingKey } from "../microsoft/keys";
import { GRAPH_APP_ID } from "../microsoft/tokens";
import { graphError } from "./errors";
import type { GraphEnv } from "./env";

const AUDIENCES = new Set([GRAPH_APP_ID, "https://graph.microsoft.com", "https://graph.microsoft.com/"]);

export function authenticate(ctx: EmulatorContext, datasets: DatasetHolder): MiddlewareHandler<GraphEnv> {
  return async (c, next) => {
    const challenge = {
      "www-authenticate": `Bearer realm="", authorization_uri="${ctx.config.origins.login}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
    };
    const fail = (message: string) => graphError(c, 401, "InvalidAuthenticationToken", message, challenge);
    const header = c.req.header("authorization") ?? "";
    const token = header.replace(/^Bearer\s+/i, "");
    if (!header || token === header) return fail("Access token is empty.");
    // Personal accounts' access tokens are opaque (not JWTs): look them up.
    if (token.split(".").length !== 3) {
      const opaque = identityState(ctx).data.opaqueAccessTokens[token];
      if (opaque) {
        if (opaque.expiresAt < Date.now()) return fail("Lifetime validation failed, the token is expired.");
        const dataset = datasets.current;
        const user = dataset.users.get(opaque.userId);
        const tenant = user ? dataset.tenant(user.tenantId) : undefined;
        if (!user || !tenant) return fail("Access token validation failure. The user or tenant no longer exists.");
        c.set("dataset", dataset);
        c.set("principal", { user, tenant, appId: opaque.clientId, scopes: opaque.scopes });
        return next();
      }
    }
    const check = verifyJwt(token, signingKey(ctx).publicKey);
    if (!check.ok) {
      return fail(
        check.reason === "malformed"
          ? "IDX14100: JWT is not well formed, there are no dots (.)."
          : "Access token validation failure.",
      );
    }
    const claims = check.payload;
    if (!AUDIENCES.has(String(claims.aud))) return fail("Access token validation failure. Invalid audience.");
    if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now())
      return fail("Lifetime validation failed, the token is expired.");
    const dataset = datasets.current;
    const user = dataset.users.get(String(claims.oid));
    const tenant = dataset.tenant(String(claims.tid));
    if (!user || !tenant) return fail("Access token validation failure. The user or tenant no longer exists.");
    c.set("dataset", dataset);
    c.set("principal", {
      user,
      tenant,
      appId: String(claims.appid ?? ""),
      scopes: String(claims.scp ?? "")
        .split(" ")
        .filter(Boolean),
    });
    return next();
  };
}

/** Guards an endpoint with the delegated scopes that allow it (any one is enough). */
export function requireScopes(...allowed: string[]): MiddlewareHandler<GraphEnv> {
  return async (c, next) => {
    const { scopes } = c.get("principal");
    if (allowed.some((scope) => scopes.includes(scope))) return next();
    return graphError(
      c,
      403,
      "Forbidden",
      `Missing scope permissions on the request. API requires one of '${allowed.join(", ")}'. Scopes on the request '${scopes.join(", ")}'`,
    );
  };
}

/**
 * Personal Microsoft accounts have a profile but no organization and no Teams work data:
 * Graph refuses Teams endpoints (403) and chats (400) for them.
 */
export function personalAccountLimits(): MiddlewareHandler<GraphEnv> {
  return async (c, next) => {
    const principal = c.get("principal");
    if (principal.tenant.kind !== "consumers") return next();
    const path = c.req.path.replace(/\/+$/, "");
    if (/^\/v1\.0\/(me|organization)$/.test(path) || path === "/oidc/userinfo") return next();
    if (/^\/v1\.0\/(me\/)?chats(\/|$)/.test(path)) {
      return graphError(c, 400, "BadRequest", "Requested API is not supported for personal Microsoft accounts (MSA).");
    }
    return graphError(c, 403, "Forbidden", "Forbidden: the API is not supported for personal Microsoft accounts.");
  };
}
