/**
 * Fault storm: N simulated users browse for `seconds` (half on each instance) while the
 * emulator fails ~20% of Graph calls — 429 with and without Retry-After, 500/502/503/504,
 * hung responses and malformed JSON — and a few grants are revoked along the way. Every
 * response of the app's own routes is tallied; a 5xx is a failure.
 */
import type { AppInstance } from "./stack";
import { sleep } from "./stack";
import type { Control, SimUser } from "./users";

/** Eight independent rules of 2.75% each: 1 − 0.9725⁸ ≈ 20% of Graph calls fail. */
const RATE = 0.0275;
export const GRAPH_FAULTS = [
  { kind: "status", status: 429, retryAfter: 1 },
  { kind: "status", status: 429 },
  { kind: "status", status: 500 },
  { kind: "status", status: 502 },
  { kind: "status", status: 503 },
  { kind: "status", status: 504 },
  { kind: "timeout" },
  { kind: "malformed" },
].map((fault) => ({ service: "graph", path: "^/v1\\.0/", rate: RATE, ...fault }));

export interface StormResult {
  requests: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  fiveXx: Array<{ path: string; status: number; body: string }>;
  networkErrors: number;
  graphCalls: number;
  graphFaults: number;
  revoked: string[];
  p50Ms: number;
  p99Ms: number;
}

interface Known {
  teams: string[];
  channels: Array<[string, string]>;
  chats: string[];
}

function pick<T>(items: T[]): T | undefined {
  return items[Math.floor(Math.random() * items.length)];
}

function nextPath(known: Known): string {
  const refresh = Math.random() < 0.1 ? "?refresh=1" : "";
  const team = pick(known.teams);
  const channel = pick(known.channels);
  const chat = pick(known.chats);
  const choices = [
    `/api/teams${refresh}`,
    `/api/chats${refresh}`,
    `/api/me/presence${refresh}`,
    "/api/connections",
    "/dashboard",
    ...(team
      ? [`/api/teams/${encodeURIComponent(team)}/channels${refresh}`, `/teams/${encodeURIComponent(team)}`]
      : []),
    ...(channel
      ? [`/api/teams/${encodeURIComponent(channel[0])}/channels/${encodeURIComponent(channel[1])}/messages${refresh}`]
      : []),
    ...(chat
      ? [`/api/chats/${encodeURIComponent(chat)}/messages${refresh}`, `/chats/${encodeURIComponent(chat)}`]
      : []),
  ];
  return pick(choices)!;
}

export async function fireStorm(opts: {
  users: SimUser[];
  instances: AppInstance[];
  control: Control;
  seconds: number;
  revokeEvery: number;
  revokePerRound: number;
}): Promise<StormResult> {
  const { users, instances, control, seconds } = opts;
  await control("/counters", undefined, "DELETE");
  for (const fault of GRAPH_FAULTS) await control("/faults", fault);
  const result: StormResult = {
    requests: 0,
    byStatus: {},
    byCode: {},
    fiveXx: [],
    networkErrors: 0,
    graphCalls: 0,
    graphFaults: 0,
    revoked: [],
    p50Ms: 0,
    p99Ms: 0,
  };
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;

  // Revoke a few grants each round: expire the access token so Nango must refresh, and
  // the refresh is refused (as after "Revoke sessions" in Entra ID).
  const revoker = (async () => {
    const candidates = [...users].sort(() => Math.random() - 0.5);
    while (Date.now() + opts.revokeEvery * 1000 < deadline) {
      await sleep(opts.revokeEvery * 1000);
      for (const user of candidates.splice(0, opts.revokePerRound)) {
        await control(`/nango/connections/${user.connectionId}/expire`, {});
        result.revoked.push(user.id);
      }
    }
  })();

  const worker = async (user: SimUser, index: number) => {
    const app = instances[index % instances.length]!;
    const known: Known = { teams: [], channels: [], chats: [] };
    await sleep(Math.random() * 2000);
    while (Date.now() < deadline) {
      const path = nextPath(known);
      const started = performance.now();
      try {
        const response = await fetch(`${app.url}${path}`, {
          headers: { cookie: user.cookie },
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        });
        const body = await response.text();
        latencies.push(performance.now() - started);
        result.requests += 1;
        result.byStatus[response.status] = (result.byStatus[response.status] ?? 0) + 1;
        if (response.status >= 500) result.fiveXx.push({ path, status: response.status, body: body.slice(0, 300) });
        if (response.headers.get("content-type")?.includes("json")) {
          const json = JSON.parse(body) as {
            error?: { code: string };
            teams?: Array<{ id: string }>;
            items?: Array<{ id: string }>;
            channels?: Array<{ id: string }>;
          };
          if (json.error) result.byCode[json.error.code] = (result.byCode[json.error.code] ?? 0) + 1;
          if (path.startsWith("/api/teams?") || path === "/api/teams")
            known.teams = (json.teams ?? []).map((t) => t.id).slice(0, 5);
          if (path.startsWith("/api/chats") && !path.includes("/messages"))
            known.chats = (json.items ?? []).map((c) => c.id).slice(0, 5);
          const teamMatch = /^\/api\/teams\/([^/]+)\/channels(\?|$)/.exec(path);
          if (teamMatch && json.channels)
            known.channels = json.channels.slice(0, 3).map((c) => [decodeURIComponent(teamMatch[1]!), c.id]);
        }
      } catch {
        result.networkErrors += 1;
      }
      await sleep(800 + Math.random() * 1200);
    }
  };
  await Promise.all(users.map((user, i) => worker(user, i)));
  await revoker;
  const counters = (await control("/counters?service=graph")) as { total: number };
  const calls = (await control("/calls")) as { calls: Array<{ service: string; status: number }> };
  await control("/faults", undefined, "DELETE");
  result.graphCalls = counters.total;
  result.graphFaults = calls.calls.filter((c) => c.service === "graph" && (c.status >= 429 || c.status === 0)).length;
  latencies.sort((a, b) => a - b);
  result.p50Ms = Math.round(latencies[Math.floor(latencies.length * 0.5)] ?? 0);
  result.p99Ms = Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0);
  return result;
}
