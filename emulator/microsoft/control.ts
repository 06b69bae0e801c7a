/**
 * Test controls under `/_emulator/microsoft`: revoke or expire a user's grants (to
 * drive AADSTS50173 / AADSTS700082 on the next refresh), switch a tenant's consent
 * policy, list admin-approval requests, pick the token `scope` format, inspect grants,
 * issue a signed-in user's tokens directly.
 */
import { z } from "zod";
import { data, tenantGrant, tenantPolicy, type LoginDeps } from "./deps";
import { issueTokens } from "./tokens";

const who = z.object({ email: z.string().optional(), oid: z.string().optional() });
const adminConsent = z.object({
  scopes: z.array(z.string()).min(1),
  /** true: these scopes need an admin in this tenant; false: exempt them; absent: leave the policy as is. */
  required: z.boolean().optional(),
  /** true: an admin already granted these scopes (to every client); false: withdraw that; absent: leave as is. */
  granted: z.boolean().optional(),
});

const tokensBody = z.strictObject({
  email: z.string(),
  /** Default: every permission Nango's client asks for, and offline_access. */
  scopes: z.array(z.string()).min(1).optional(),
});

const policyBody = z.strictObject({
  userConsent: z.enum(["all", "low_impact", "none"]).optional(),
  adminConsentWorkflow: z.boolean().optional(),
  adminApprovalRedirect: z.boolean().optional(),
});

export function registerLoginControls(deps: LoginDeps): void {
  const api = deps.ctx.controlApi;
  const userIds = (body: z.infer<typeof who>): string[] | "all" => {
    if (!body.email && !body.oid) return "all";
    const user = body.email ? data(deps).usersByEmail.get(body.email.toLowerCase()) : data(deps).users.get(body.oid!);
    if (!user) throw new Error(`unknown user ${body.email ?? body.oid}`);
    return [user.id];
  };

  // What a completed sign-in and consent would have given Nango's client:
  // tokens Graph accepts, for tests that seed a Nango connection without a browser.
  api.post("/microsoft/tokens", async (c) => {
    const body = tokensBody.parse(await c.req.json().catch(() => ({})));
    const user = data(deps).usersByEmail.get(body.email.toLowerCase());
    if (!user) return c.json({ error: { code: "not_found", message: `unknown user ${body.email}` } }, 404);
    const client = deps.clients.find((candidate) => candidate.kind === "nango")!;
    const scopes = body.scopes ?? [...client.permissions, "offline_access"];
    return c.json(issueTokens(deps, client, user, scopes, scopes, null));
  });

  // Like "Revoke sessions" in Entra ID: refresh tokens and sign-in sessions die, consent stays.
  api.post("/microsoft/grants/revoke", async (c) => {
    const ids = userIds(who.parse(await c.req.json().catch(() => ({}))));
    const state = deps.state.data;
    const now = Date.now();
    const targets = ids === "all" ? [...new Set(Object.values(state.refreshTokens).map((t) => t.userId))] : ids;
    for (const id of targets) state.tokensValidFrom[id] = now;
    for (const [key, session] of Object.entries(state.sessions))
      if (targets.includes(session.userId)) delete state.sessions[key];
    deps.state.changed();
    return c.json({ revoked: targets });
  });

  // Like a user removing the app at myapps.microsoft.com: the next sign-in asks for consent again.
  api.post("/microsoft/consents/withdraw", async (c) => {
    const ids = userIds(who.parse(await c.req.json().catch(() => ({}))));
    const state = deps.state.data;
    let removed = 0;
    for (const key of Object.keys(state.consents)) {
      const userId = key.split("|")[1] ?? "";
      if (ids === "all" || ids.includes(userId)) {
        delete state.consents[key];
        removed += 1;
      }
    }
    deps.state.changed();
    return c.json({ removed });
  });

  api.post("/microsoft/grants/expire", async (c) => {
    const ids = userIds(who.parse(await c.req.json().catch(() => ({}))));
    let count = 0;
    for (const token of Object.values(deps.state.data.refreshTokens)) {
      if (ids === "all" || ids.includes(token.userId)) {
        token.expired = true;
        count += 1;
      }
    }
    deps.state.changed();
    return c.json({ expired: count });
  });

  api.post("/microsoft/tenants/:tenant/admin-consent", async (c) => {
    const tenant = data(deps).tenant(c.req.param("tenant"));
    if (!tenant) return c.json({ error: { code: "not_found", message: "unknown tenant" } }, 404);
    const body = adminConsent.parse(await c.req.json());
    const state = deps.state.data;
    const override = (state.tenantPolicies[tenant.id] ??= {});
    const extra = new Set(override.extraAdminOnly ?? []);
    const exempt = new Set(override.exempt ?? []);
    for (const scope of body.required === undefined ? [] : body.scopes) {
      if (body.required) {
        extra.add(scope);
        exempt.delete(scope);
      } else {
        extra.delete(scope);
        exempt.add(scope);
      }
    }
    override.extraAdminOnly = [...extra];
    override.exempt = [...exempt];
    // granted: true = a tenant admin consented for everyone; false = that consent was withdrawn.
    if (body.granted !== undefined) {
      for (const client of deps.clients) {
        const current = tenantGrant(deps, tenant.id, client.clientId);
        state.adminConsents[`${tenant.id}|${client.clientId}`] = body.granted
          ? [...new Set([...current, ...body.scopes])]
          : current.filter((scope) => !body.scopes.includes(scope));
      }
    }
    deps.state.changed();
    return c.json({ tenantId: tenant.id, adminConsentScopes: tenantPolicy(deps, tenant.id).adminOnlyScopes });
  });

  const policyView = (tenantId: string) => {
    const policy = tenantPolicy(deps, tenantId);
    const nango = deps.clients.find((client) => client.kind === "nango")!;
    return { ...policy, tenantWideGrant: tenantGrant(deps, tenantId, nango.clientId) };
  };
  api.get("/microsoft/tenants/:tenant/policy", (c) => {
    const tenant = data(deps).tenant(c.req.param("tenant"));
    if (!tenant) return c.json({ error: { code: "not_found", message: "unknown tenant" } }, 404);
    return c.json(policyView(tenant.id));
  });
  /** Overrides a tenant's consent policy (`adminApprovalRedirect`: answer AADSTS90094 by redirect instead of the page). */
  api.post("/microsoft/tenants/:tenant/policy", async (c) => {
    const tenant = data(deps).tenant(c.req.param("tenant"));
    if (!tenant) return c.json({ error: { code: "not_found", message: "unknown tenant" } }, 404);
    const body = policyBody.parse(await c.req.json());
    Object.assign((deps.state.data.tenantPolicies[tenant.id] ??= {}), body);
    deps.state.changed();
    return c.json(policyView(tenant.id));
  });

  api.get("/microsoft/admin-approval-requests", (c) => {
    const tenant = c.req.query("tenant");
    const id = tenant ? (data(deps).tenant(tenant)?.id ?? tenant) : undefined;
    return c.json({ requests: deps.state.data.approvalRequests.filter((r) => !id || r.tenantId === id) });
  });

  api.get("/microsoft/token-format", (c) => c.json({ scope: deps.state.data.scopeFormat }));
  api.post("/microsoft/token-format", async (c) => {
    const body = z.object({ scope: z.enum(["prefixed", "short"]) }).parse(await c.req.json());
    deps.state.data.scopeFormat = body.scope;
    deps.state.changed();
    return c.json({ scope: body.scope });
  });

  api.get("/microsoft/grants", (c) => {
    const state = deps.state.data;
    const users = data(deps).users;
    return c.json({
      consents: Object.entries(state.consents).map(([key, scopes]) => {
        const [clientId, userId] = key.split("|") as [string, string];
        return { clientId, userId, email: users.get(userId)?.mail, scopes };
      }),
      adminConsents: state.adminConsents,
      refreshTokens: Object.values(state.refreshTokens).map((t) => ({ ...t, email: users.get(t.userId)?.mail })),
      tokensValidFrom: state.tokensValidFrom,
      tenantPolicies: state.tenantPolicies,
      approvalRequests: state.approvalRequests,
      sessions: Object.keys(state.sessions).length,
    });
  });
}
