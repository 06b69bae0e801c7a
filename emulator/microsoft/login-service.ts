/**
 * The Microsoft identity platform stand-in (login.microsoftonline.com): authorize with
 * sign-in and consent pages, the token endpoint, OIDC discovery and keys.
 */
import { Hono } from "hono";
import type { EmulatedService, EmulatorContext } from "../core/context";
import { registerAuthorize } from "./authorize";
import { registerLoginControls } from "./control";
import { loginDeps } from "./deps";
import { signingKey } from "./keys";
import { registerOidc } from "./oidc";
import { registerTokenEndpoint } from "./token-endpoint";

export function createLoginService(ctx: EmulatorContext): EmulatedService {
  const deps = loginDeps(ctx);
  signingKey(ctx); // create (and persist) the key up front, not on the first token request
  const app = new Hono();
  registerAuthorize(app, deps);
  registerTokenEndpoint(app, deps);
  registerOidc(app, deps);
  registerLoginControls(deps);
  app.notFound((c) =>
    c.json({ error: "not_found", error_description: `No such endpoint: ${c.req.method} ${c.req.path}` }, 404),
  );
  return { app };
}
