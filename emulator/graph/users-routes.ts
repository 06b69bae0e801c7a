/** `/me`, `/users/{id}`, presence, and the OIDC userinfo endpoint (which lives on Graph). */
import type { Hono } from "hono";
import { requireScopes } from "./auth";
import { odataContext, type GraphDeps } from "./deps";
import type { GraphEnv } from "./env";
import { badRequest, notFound } from "./errors";
import { presenceShape, userShape } from "./shapes";

const ME = ["User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All", "Directory.Read.All"];
const USERS = ["User.ReadBasic.All", "User.Read.All", "Directory.Read.All"];
const MY_PRESENCE = ["Presence.Read", "Presence.Read.All", "Presence.ReadWrite"];
const ALL_PRESENCE = ["Presence.Read.All", "Presence.ReadWrite.All"];
/** getPresencesByUserId accepts at most this many ids. */
const MAX_PRESENCE_IDS = 650;

export function registerUserRoutes(app: Hono<GraphEnv>, deps: GraphDeps): void {
  const t = deps.throttler;

  app.get("/v1.0/me", requireScopes(...ME), t.middleware("other"), (c) =>
    c.json({ "@odata.context": odataContext(deps, "users/$entity"), ...userShape(c.get("principal").user) }),
  );

  // Delegated User.Read is enough to read one's own organization; personal accounts have none.
  app.get(
    "/v1.0/organization",
    requireScopes("User.Read", "Organization.Read.All", "Directory.Read.All"),
    t.middleware("other"),
    (c) => {
      const { tenant } = c.get("principal");
      const value =
        tenant.kind === "consumers"
          ? []
          : [
              {
                id: tenant.id,
                displayName: tenant.displayName,
                verifiedDomains: [
                  {
                    capabilities: "Email, OfficeCommunicationsOnline",
                    isDefault: true,
                    isInitial: false,
                    name: tenant.domain,
                    type: "Managed",
                  },
                  {
                    capabilities: "Email, OfficeCommunicationsOnline",
                    isDefault: false,
                    isInitial: true,
                    name: `${tenant.domain.split(".")[0]}.onmicrosoft.com`,
                    type: "Managed",
                  },
                ],
              },
            ];
      return c.json({ "@odata.context": odataContext(deps, "organization"), value });
    },
  );

  app.get("/v1.0/users/:userId", requireScopes(...USERS), t.middleware("other"), (c) => {
    const id = c.req.param("userId");
    const dataset = c.get("dataset");
    const user = dataset.users.get(id) ?? dataset.usersByEmail.get(id.toLowerCase());
    if (!user || user.tenantId !== c.get("principal").user.tenantId) {
      return notFound(
        c,
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return c.json({ "@odata.context": odataContext(deps, "users/$entity"), ...userShape(user) });
  });

  app.get("/v1.0/me/presence", requireScopes(...MY_PRESENCE), t.middleware("presence"), (c) =>
    c.json({
      "@odata.context": odataContext(deps, "users('" + c.get("principal").user.id + "')/presence/$entity"),
      ...presenceShape(c.get("principal").user),
    }),
  );

  app.get("/v1.0/users/:userId/presence", requireScopes(...ALL_PRESENCE), t.middleware("presence"), (c) => {
    const user = c.get("dataset").users.get(c.req.param("userId"));
    if (!user || user.tenantId !== c.get("principal").user.tenantId) return notFound(c);
    return c.json({
      "@odata.context": odataContext(deps, `users('${user.id}')/presence/$entity`),
      ...presenceShape(user),
    });
  });

  app.post(
    "/v1.0/communications/getPresencesByUserId",
    requireScopes(...ALL_PRESENCE),
    t.middleware("presence"),
    async (c) => {
      const body = (await c.req.json().catch(() => null)) as { ids?: unknown } | null;
      const ids = body?.ids;
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) {
        return badRequest(c, "The request body must contain a non-empty 'ids' array of user ids.");
      }
      if (ids.length > MAX_PRESENCE_IDS) return badRequest(c, `The number of ids cannot exceed ${MAX_PRESENCE_IDS}.`);
      const dataset = c.get("dataset");
      const tenantId = c.get("principal").user.tenantId;
      const value = ids
        .map((id) => dataset.users.get(id as string))
        .filter((user) => user !== undefined && user.tenantId === tenantId)
        .map((user) => presenceShape(user!));
      return c.json({ "@odata.context": odataContext(deps, "Collection(microsoft.graph.presence)"), value });
    },
  );

  app.get("/oidc/userinfo", requireScopes("openid"), (c) => {
    const { user } = c.get("principal");
    return c.json({
      sub: user.id,
      name: user.displayName,
      family_name: user.surname,
      given_name: user.givenName,
      email: user.mail,
    });
  });
}
