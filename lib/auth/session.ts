import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { db } from "@/lib/db";
import { findUserConnection, rememberUserConnection } from "@/lib/dal/connections/find-user-connection";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requestMemo } from "@/lib/http/request-context";
import { decodeSessionToken } from "./session-token";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: "user" | "admin";
}

/**
 * The signed-in user, re-read from the database on every request (once per request):
 * a locked account, a changed role or a sign-out elsewhere takes effect at once
 * instead of when the 8-hour session cookie expires.
 *
 * The cookie is decoded directly rather than through `getServerSession`, which also
 * re-encrypts a refreshed cookie that a server render can't set anyway, and makes a
 * CSRF token. The user's Teams connection is read beside the user (both are keyed by the
 * token's user id), and the request's Graph reads take it from the request memo instead
 * of asking again.
 */
export function getCurrentUser(): Promise<CurrentUser | null> {
  const memo = requestMemo();
  let user = memo.get(SIGNED_IN) as Promise<CurrentUser | null> | undefined;
  if (!user) {
    user = readSignedInUser();
    memo.set(SIGNED_IN, user);
  }
  return user;
}

const SIGNED_IN = "signed-in-user";

async function readSignedInUser(): Promise<CurrentUser | null> {
  // No headers: a session comes from its cookie only, never an Authorization header.
  const token = await getToken({
    req: { cookies: await cookies(), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: env.AUTH_SECRET,
    decode: decodeSessionToken,
  });
  if (typeof token?.uid !== "string") return null;
  // Two statements at once, not Prisma's `include` (one after the other, or a JSON join
  // that costs more CPU): the request waits for one database round trip, not two
  // (docs/performance.md, "The session read").
  const [user, connection] = await Promise.all([
    db.user.findUnique({ where: { id: token.uid } }),
    findUserConnection(token.uid),
  ]);
  if (!user || user.locked || user.sessionVersion !== token.sv) return null;
  rememberUserConnection(user.id, connection);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}

export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "admin") throw new AppError("forbidden", "Only administrators can do this.");
  return user;
}
