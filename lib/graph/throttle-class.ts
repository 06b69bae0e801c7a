/**
 * Which of Microsoft Graph's Teams throttling limits a request counts against (per app
 * per tenant, from Microsoft's published service limits). Pacing each class on its own
 * lets a dashboard's channel lookups (60 rps) proceed while team reads (30 rps) wait.
 */
export type ThrottleClass = "teams" | "channels" | "messages" | "presence" | "other";

/** Requests per second Graph allows per app per tenant, by class. */
export const GRAPH_TENANT_LIMITS: Record<ThrottleClass, number> = {
  teams: 30,
  channels: 60,
  messages: 20,
  presence: 50, // 1,500 per 30 s
  other: 30,
};

/** The class of a Graph path (with or without the `/v1.0` prefix and query). */
export function throttleClassOf(endpoint: string): ThrottleClass {
  const path = endpoint.replace(/^\/v1\.0/, "").split("?")[0] ?? "";
  if (/\/messages(\/|$)|\/replies(\/|$)/.test(path)) return "messages";
  if (/presence|getPresencesByUserId/i.test(path)) return "presence";
  if (/^\/teams\/[^/]+\/channels/.test(path)) return "channels";
  if (/^\/me\/joinedTeams|^\/teams\/[^/]+$/.test(path)) return "teams";
  return "other";
}

/** What a `$batch` of these item paths costs the tenant: one per item, in the item's own class. */
export function batchCosts(paths: string[]): Partial<Record<ThrottleClass, number>> {
  const costs: Partial<Record<ThrottleClass, number>> = {};
  for (const path of paths) {
    const cls = throttleClassOf(path);
    costs[cls] = (costs[cls] ?? 0) + 1;
  }
  return costs;
}
