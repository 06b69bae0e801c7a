/**
 * Runs before every app page and API route:
 * - gives the request an `x-request-id` (the caller's if well-formed, else a new one),
 *   passed on to the route handler (logged by lib/logger.ts) and echoed in the response;
 * - first line of defence only: sends signed-out visitors of app pages to the sign-in
 *   page (and back afterwards). Every page, route and action checks the session again on
 *   the server (lib/auth/session.ts); this never decides what a user may see. API routes
 *   (next-auth, webhooks, health included) are never redirected: they answer for themselves.
 */
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-context";

export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const pass = () => {
    const response = NextResponse.next({ request: { headers } });
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };
  if (!decodable(request.nextUrl.pathname)) {
    // Next.js would fail decoding it later and answer a bare 500: refuse it clearly here.
    const refused = NextResponse.json(
      { error: { code: "invalid_input", message: "The address is not valid." } },
      { status: 400 },
    );
    refused.headers.set(REQUEST_ID_HEADER, requestId);
    return refused;
  }
  if (request.nextUrl.pathname.startsWith("/api/")) return pass();
  const token = await getToken({ req: request, secret: env.AUTH_SECRET });
  if (token) return pass();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const redirect = NextResponse.redirect(signIn);
  redirect.headers.set(REQUEST_ID_HEADER, requestId);
  return redirect;
}

/** False for a path with malformed percent-encoding (e.g. overlong UTF-8 `%C0%AE`). */
function decodable(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: [
    "/dashboard/:path*",
    "/connections/:path*",
    "/teams/:path*",
    "/chats/:path*",
    "/admin/:path*",
    "/api/:path*",
  ],
};
