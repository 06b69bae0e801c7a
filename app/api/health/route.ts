// GET /api/health – liveness/readiness for load balancers: database and Nango reachability (public, no secrets)
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";
import { withRequestId } from "@/lib/http/request-context";

export const dynamic = "force-dynamic";

/**
 * 503 only when this instance cannot serve at all (its database is unreachable). A Nango
 * outage reports `degraded` with 200: every instance shares Nango, and taking them all
 * out of the load balancer would turn "Teams data unavailable" into "site down".
 */
export const GET = withRequestId(async (_request: Request) => {
  const report = await checkHealth();
  return NextResponse.json(report, {
    status: report.checks.database.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
