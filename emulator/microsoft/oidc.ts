/**
 * OpenID Connect discovery and signing keys. For `common`/`organizations` the issuer is
 * the `{tenantid}` template, like Azure; a concrete tenant (id or domain) announces its
 * real issuer, which strict validators (openid-client in next-auth) need.
 */
import type { Hono } from "hono";
import { describe } from "./aad-errors";
import { data, MULTI_TENANT, type LoginDeps } from "./deps";
import { signingKey } from "./keys";
import { SCOPE_DESCRIPTIONS } from "./scopes";
import { issuerFor } from "./tokens";

export function registerOidc(app: Hono, deps: LoginDeps): void {
  app.get("/:tenant/v2.0/.well-known/openid-configuration", (c) => {
    const tenantPath = c.req.param("tenant");
    const tenant = MULTI_TENANT.has(tenantPath) ? undefined : data(deps).tenant(tenantPath);
    if (!MULTI_TENANT.has(tenantPath) && !tenant) {
      return c.json(
        { error: "invalid_tenant", error_description: describe(90002, { tenant: tenantPath }), error_codes: [90002] },
        400,
      );
    }
    const base = `${deps.origin}/${tenantPath}`;
    return c.json({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: tenant ? issuerFor(deps.origin, tenant.id) : `${deps.origin}/{tenantid}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${deps.ctx.config.origins.graph}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        "sub",
        "iss",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "acr",
        "nonce",
        "preferred_username",
        "name",
        "tid",
        "ver",
        "at_hash",
        "c_hash",
        "email",
        "oid",
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: "EU",
      cloud_instance_name: new URL(deps.origin).host,
      msgraph_host: new URL(deps.ctx.config.origins.graph).host,
      rbac_url: deps.origin,
      // Not in Azure's document: lets a test see what consent strings exist.
      "x-emulator-scopes": Object.keys(SCOPE_DESCRIPTIONS),
    });
  });

  const keys = () => {
    const key = signingKey(deps.ctx);
    return { keys: [{ ...key.jwk, x5t: key.kid, issuer: `${deps.origin}/{tenantid}/v2.0` }] };
  };
  app.get("/:tenant/discovery/v2.0/keys", (c) => c.json(keys()));
  app.get("/common/discovery/keys", (c) => c.json(keys()));
}
