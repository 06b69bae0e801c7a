/**
 * First line of defence only: sends signed-out visitors of app pages to the sign-in
 * page (and back afterwards). Every page, route and action checks the session again on
 * the server (lib/auth/session.ts); this never decides what a user may see.
 */
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: env.AUTH_SECRET });
  if (token) return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/dashboard/:path*", "/connections/:path*", "/teams/:path*", "/chats/:path*", "/admin/:path*"],
};
