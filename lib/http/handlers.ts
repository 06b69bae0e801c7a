import "server-only";
import type { NextRequest } from "next/server";
import { requireAdmin, requireUser, type CurrentUser } from "@/lib/auth/session";
import { assertSameOrigin } from "./same-origin";
import { withRequestId } from "./request-context";
import { errorResponse } from "./respond";

type Context<P> = { params: Promise<P> };
type Handler<P> = (request: NextRequest, user: CurrentUser, params: P) => Promise<Response>;

/**
 * Wraps a route handler: checks the session (and, for state-changing methods, that the
 * request comes from our own origin), then maps every error to the JSON error shape.
 * Everything runs in the request's context, so log lines carry its `x-request-id`, which
 * the response echoes.
 */
function wrap<P>(check: () => Promise<CurrentUser>, handler: Handler<P>) {
  return withRequestId(async (request: NextRequest, context: Context<P>): Promise<Response> => {
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      const user = await check();
      return await handler(request, user, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  });
}

export const withUser = <P = Record<string, never>>(handler: Handler<P>) => wrap(requireUser, handler);
export const withAdmin = <P = Record<string, never>>(handler: Handler<P>) => wrap(requireAdmin, handler);
