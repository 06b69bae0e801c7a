/**
 * 3. App overhead: the app's JSON route for joined teams (`GET /api/teams`) under 50
 * concurrent connections (50 signed-in users), against calling the emulated Nango proxy
 * directly for the same Graph resource; Graph latency 0. The direct baseline is
 * measured twice, with autocannon sending the SDK's exact proxy request and with the
 * SDK itself (`nango.get`); the faster of the two is the baseline.
 *
 * Beside them, the framework's floor on the same server: the same route without a
 * session cookie, which the handler refuses (401) before any cookie decryption, database
 * query or cache lookup, so what is left is Next.js's own request path and the smallest
 * answer the app can give. No goal of its own: it shows how much of a cached read's cost
 * the app's code can still remove.
 */
import autocannon from "autocannon";
import type { BenchContext, Scenario } from "../lib/context";
import { cpuMs } from "../lib/stack";
import { round, sleep, summarize } from "../lib/stats";

const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 3;

interface Load {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

function rotate(values: string[]) {
  let next = 0;
  return () => values[next++ % values.length]!;
}

async function cannon(url: string, headersFor: () => Record<string, string>, duration: number): Promise<Load> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          headers: { ...(request.headers as object), ...headersFor() },
        }),
      },
    ],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: round(result.requests.total / duration),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function sdkLoad(ctx: BenchContext, connectionIds: string[], duration: number): Promise<Load> {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + duration * 1000;
  const pick = rotate(connectionIds);
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          await ctx.nango.get({
            endpoint: "/v1.0/me/joinedTeams",
            connectionId: pick(),
            providerConfigKey: ctx.integrationId,
            retries: 0,
          });
          latencies.push(performance.now() - started);
        } catch {
          failures++;
        }
      }
    }),
  );
  const s = summarize(latencies);
  return {
    p50: s.median,
    p99: s.p99,
    rps: round(latencies.length / duration),
    requests: latencies.length,
    non2xx: failures,
    errors: 0,
  };
}

async function warmEveryUser(ctx: BenchContext, cookies: string[]): Promise<void> {
  await Promise.all(
    cookies.map(async (cookie) => {
      const response = await fetch(`${ctx.appUrl}/api/teams`, { headers: { cookie } });
      if (!response.ok) throw new Error(`warming /api/teams: ${response.status} ${await response.text()}`);
    }),
  );
}

export const overhead: Scenario = {
  name: "overhead",
  title: "App overhead",
  async run(ctx) {
    await ctx.control("/latency", { service: "graph", fixedMs: 0 });
    const users = ctx.loadUsers;
    const connectionIds = users.map((user) => ctx.connectionIdOf(user.id));
    const proxyUrl = `${ctx.env.NANGO_HOST}/proxy/v1.0/me/joinedTeams`;
    const nextConnection = rotate(connectionIds);
    const proxyHeaders = () => ({
      authorization: `Bearer ${ctx.env.NANGO_SECRET_KEY}`,
      "connection-id": nextConnection(),
      "provider-config-key": ctx.integrationId,
    });
    await cannon(proxyUrl, proxyHeaders, WARMUP_S);
    const direct = await cannon(proxyUrl, proxyHeaders, DURATION_S);
    await sleep(500);
    await sdkLoad(ctx, connectionIds, WARMUP_S);
    const sdk = await sdkLoad(ctx, connectionIds, DURATION_S);
    await sleep(500);

    // The goal is about cached reads: every user's joined teams are read once (through
    // the tenant's pacing, which spreads 50 first reads over seconds) before the load.
    await warmEveryUser(
      ctx,
      users.map((user) => user.cookie),
    );
    const nextCookie = rotate(users.map((user) => user.cookie));
    const appHeaders = () => ({ cookie: nextCookie() });
    await cannon(`${ctx.appUrl}/api/teams`, appHeaders, WARMUP_S);
    await ctx.control("/counters", undefined, "DELETE");
    const cpuBefore = cpuMs(ctx.appPid);
    const app = await cannon(`${ctx.appUrl}/api/teams`, appHeaders, DURATION_S);
    const cpuPerRequest = round((cpuMs(ctx.appPid) - cpuBefore) / Math.max(1, app.requests), 2);
    const graphCalls = (await ctx.control<{ total: number }>("/counters?service=graph")).total;
    const floorCpuBefore = cpuMs(ctx.appPid);
    const floor = await cannon(`${ctx.appUrl}/api/teams`, () => ({}), DURATION_S);
    const floorCpuPerRequest = round((cpuMs(ctx.appPid) - floorCpuBefore) / Math.max(1, floor.requests), 2);
    // Every one of them must have been the refusal, or this is no floor.
    if (floor.non2xx !== floor.requests || floor.errors > 0)
      throw new Error(`the floor's requests were not all refused: ${JSON.stringify(floor)}`);
    // Requests autocannon gave up on may still wait for the tenant's pacing on the server
    // (up to the Graph deadline, 12 s): let them finish before the next scenario.
    await sleep(12_000);

    const baseline =
      direct.rps >= sdk.rps ? { kind: "autocannon → proxy", ...direct } : { kind: "SDK → proxy", ...sdk };
    const added = app.p50 - Math.min(direct.p50, sdk.p50);
    const share = app.rps / baseline.rps;
    return {
      goals: [
        {
          goal: "app adds ≤ 3 ms p50",
          measured: `app p50 ${app.p50} ms / p99 ${app.p99} ms vs direct p50 ${Math.min(direct.p50, sdk.p50)} ms → +${round(added)} ms`,
          pass: added <= 3 && app.non2xx === 0 && app.errors === 0,
        },
        {
          goal: "≥ 50% of direct throughput",
          measured: `${app.rps} vs ${baseline.rps} req/s = ${round(share * 100)}%`,
          pass: share >= 0.5 && app.non2xx === 0,
        },
        {
          goal: "p99 ≤ 3 × p50",
          measured: `p99 ${app.p99} ms = ${round(app.p99 / Math.max(1, app.p50))}× p50 ${app.p50} ms`,
          pass: app.p99 <= 3 * Math.max(1, app.p50),
        },
        {
          goal: "≤ 1 ms CPU per cached request",
          measured: `${cpuPerRequest} ms (server process, user + system, over ${app.requests} requests)`,
          pass: cpuPerRequest <= 1,
        },
      ],
      data: {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        app,
        cpuMsPerRequest: cpuPerRequest,
        directAutocannon: direct,
        directSdk: sdk,
        frameworkFloor: { ...floor, cpuMsPerRequest: floorCpuPerRequest },
        graphCallsDuringAppRun: graphCalls,
        appRequestsPerGraphCall: round(app.requests / Math.max(1, graphCalls)),
      },
      notes: [
        `the app answered ${app.requests} requests with ${graphCalls} Graph calls: /api/teams is served from the per-user cache (45 s) after each user's first request`,
        `framework floor (the same route refused for want of a session, 401, before any of the app's work): ${floor.rps} req/s = ${round((floor.rps / baseline.rps) * 100)}% of direct, p50 ${floor.p50} ms, ${floorCpuPerRequest} ms CPU per request (${round((floorCpuPerRequest / Math.max(0.01, cpuPerRequest)) * 100)}% of a cached read's)`,
      ],
    };
  },
};
