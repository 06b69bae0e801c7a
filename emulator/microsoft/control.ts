/**
 * Test controls under `/_emulator/microsoft`: revoke or expire a user's grants (to
 * drive AADSTS50173 / AADSTS700082 on the next refresh), switch a tenant's
 * admin-consent policy, and inspect grants.
 */
import { z } from "zod";
import { data, type LoginDeps } from "./deps";

const who = z.object({ email: z.string().optional(), oid: z.string().optional() });
const adminConsent = z.object({
  scopes: z.array(z.string()).min(1),
  required: z.boolean().default(true),
  /** true: an admin already granted these scopes (to every client); false: withdraw that; absent: leave as is. */
  granted: z.boolean().optional(),
});

export function registerLoginControls(deps: LoginDeps): void {
  const api = deps.ctx.controlApi;
  const userIds = (body: z.infer<typeof who>): string[] | "all" => {
    if (!body.email && !body.oid) return "all";
    const user = body.email ? data(deps).usersByEmail.get(body.email.toLowerCase()) : data(deps).users.get(body.oid!);
    if (!user) throw new Error(`unknown user ${body.email ?? body.oid}`);
    return [user.id];
  };

  // Like "Revoke sessions" in Entra ID: refresh tokens and sign-in sessions die, consent stays.
  api.post("/microsoft/grants/revoke", async (c) => {
    const ids = userIds(who.parse(await c.req.json().catch(() => ({}))));
    const state = deps.state.data;
    const now = Date.now();
    const targets = ids === "all" ? [...new Set(Object.values(state.refreshTokens).map((t) => t.userId))] : ids;
    for (const id of targets) state.tokensValidFrom[id] = now;
    for (const [key, session] of Object.entries(state.sessions)) if (targets.includes(session.userId)) delete state.sessions[key];
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
    const current = new Set(state.policies[tenant.id] ?? tenant.policy.adminConsentScopes);
    for (const scope of body.scopes) if (body.required) current.add(scope); else current.delete(scope);
    state.policies[tenant.id] = [...current];
    // granted: true = a tenant admin consented for everyone; false = that consent was withdrawn.
    if (body.granted !== undefined) {
      for (const client of deps.clients) {
        const key = `${tenant.id}|${client.clientId}`;
        const current = state.adminConsents[key] ?? [];
        state.adminConsents[key] = body.granted
          ? [...new Set([...current, ...body.scopes])]
          : current.filter((scope) => !body.scopes.includes(scope));
      }
    }
    deps.state.changed();
    return c.json({ tenantId: tenant.id, adminConsentScopes: state.policies[tenant.id] });
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
      policies: state.policies,
      sessions: Object.keys(state.sessions).length,
    });
  });
}
