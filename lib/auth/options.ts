import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { authLogger } from "./auth-logger";
import { microsoftProvider } from "./microsoft-provider";
import { MicrosoftSignInRefused, resolveMicrosoftUser } from "./microsoft-user";
import { verifyPassword } from "./password";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

/** Sessions last a working day; a session idle longer must sign in again. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const credentials = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth's own format with the key derived once (lib/auth/session-token.ts).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/signin", error: "/signin" },
  // Forged or stale session cookies are expected: one structured line, not a stack.
  logger: authLogger,
  providers: [
    CredentialsProvider({
      id: "password",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        return verifyPassword(parsed.data.email, parsed.data.password);
      },
    }),
    microsoftProvider(),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "microsoft") return true;
      if (!profile?.oid || !profile.tid) return "/signin?error=MicrosoftProfile";
      try {
        await resolveMicrosoftUser({
          oid: profile.oid,
          tid: profile.tid,
          email: profile.email ?? profile.preferred_username ?? "",
          name: profile.name ?? "",
        });
        return true;
      } catch (error) {
        if (error instanceof MicrosoftSignInRefused)
          return `/signin?error=${error.message === "locked" ? "Locked" : "EmailInUse"}`;
        throw error;
      }
    },
    async jwt({ token, user, account, profile }) {
      if (account && user) {
        // First call after sign-in: pin the app user id and the session version.
        const row = profile?.oid
          ? await db.user.findUnique({ where: { microsoftOid: profile.oid } })
          : await db.user.findUnique({ where: { id: user.id } });
        if (row) {
          token.uid = row.id;
          token.sv = row.sessionVersion;
        }
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv };
    },
  },
  events: {
    async signOut({ token }) {
      // JWT sessions cannot be deleted server-side; bumping the version invalidates them.
      if (token?.uid) {
        await db.user
          .update({ where: { id: token.uid }, data: { sessionVersion: { increment: 1 } } })
          .catch(() => undefined);
      }
    },
  },
};
