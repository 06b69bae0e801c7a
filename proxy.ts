/**
 * Runs before every page and next-auth's pages under /api/auth (static assets and the
 * JSON API excepted, see `config`; an API path with percent-encoding outside ASCII only
 * for the decoding check):
 * - gives the request an `x-request-id` (the caller's if well-formed, else a new one),
 *   passed on to the route handler (logged by lib/logger.ts) and echoed in the response;
 * - sets the Content-Security-Policy with a fresh nonce (lib/http/content-security-policy.ts).
 *   The policy also goes on the *request*, where Next.js reads the nonce back to put it
 *   on its own scripts, and the nonce in `x-nonce` for our components; both replace any
 *   value the client sent;
 * - first line of defence only: sends signed-out visitors of app pages to the sign-in
 *   page (and back afterwards). Every page, route and action checks the session again on
 *   the server (lib/auth/session.ts); this never decides what a user may see. Public pages
 *   and API routes (next-auth, webhooks, health included) are never redirected: they
 *   answer for themselves.
 * - refuses a path Next.js cannot decode with a clear 400 (it would answer a bare 500).
 */
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { needsSignIn } from "@/lib/auth/signed-in-paths";
import { env } from "@/lib/env";
import {
  contentSecurityPolicy,
  CSP_HEADER,
  isJsonApi,
  newNonce,
  NONCE_HEADER,
} from "@/lib/http/content-security-policy";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-context";

export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  // The JSON API comes here only with non-ASCII percent-encoding in its path (see `config`), for
  // the decoding check alone: its handlers echo the request id (withRequestId) and its
  // policy is fixed (next.config.ts).
  if (isJsonApi(request.nextUrl.pathname)) {
    if (decodable(request.nextUrl.pathname)) return NextResponse.next();
    const refused = invalidAddress();
    refused.headers.set(REQUEST_ID_HEADER, requestId);
    return refused;
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    nonce,
    connectUiUrl: env.NANGO_CONNECT_UI_URL,
    development: env.NODE_ENV === "development",
    https: env.APP_URL.startsWith("https:"),
  });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(NONCE_HEADER, nonce);
  headers.set(CSP_HEADER, policy);
  const answer = (response: NextResponse) => {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    response.headers.set(CSP_HEADER, policy);
    return response;
  };
  const pass = () => answer(NextResponse.next({ request: { headers } }));
  if (!decodable(request.nextUrl.pathname)) {
    // Next.js would fail decoding it later and answer a bare 500: refuse it clearly here.
    return answer(invalidAddress());
  }
  if (!needsSignIn(request.nextUrl.pathname)) return pass();
  const token = await getToken({ req: request, secret: env.AUTH_SECRET, decode: decodeSessionToken });
  if (token) return pass();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return answer(NextResponse.redirect(signIn));
}

const invalidAddress = () =>
  NextResponse.json({ error: { code: "invalid_input", message: "The address is not valid." } }, { status: 400 });

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
    // Every page needs the policy, the request id and the sign-in check; files that are
    // never a document are left out. Unlike Next.js's CSP example, router prefetches are
    // not left out: they need the request id and the sign-in redirect too. The JSON API
    // (all of /api but next-auth's pages) is left out unless its path has a `%` escape
    // outside ASCII (`%80`–`%FF`, or no hex at all), which Next.js could fail to decode:
    // running the proxy costs a request about 1 ms of CPU, a third of a cached read's
    // (docs/performance.md). An ASCII escape always decodes, and every chat id has some
    // (`19%3A…%40thread.v2`): chats' reads and sends skip it too.
    "/((?!api/(?!auth/)(?:[^%]|%[0-7][0-9A-Fa-f])*$|_next/static/|_next/image|favicon\\.ico$|icon\\.svg$|icon-192\\.png$|icon-512\\.png$|apple-touch-icon\\.png$|manifest\\.webmanifest$).*)",
  ],
};
