import "server-only";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * CSRF defence for state-changing routes: browsers send `Sec-Fetch-Site` and `Origin`
 * on every cross-site POST, so a request that says it is cross-site, or names another
 * origin, is refused. (SameSite=Lax cookies already stop most of these; this also
 * covers same-site attacks from sibling subdomains.)
 */
export function assertSameOrigin(request: NextRequest): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("cross_site_request", "Cross-site requests are not allowed.");
  }
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(env.APP_URL).origin && origin !== request.nextUrl.origin) {
    throw new AppError("cross_site_request", "Cross-site requests are not allowed.");
  }
}
