/**
 * What this app adds to next-auth's types (module augmentation, so no casts):
 * the session and its JWT carry the app user id and the session version that
 * lib/auth/session.ts checks against the database; Microsoft's ID token carries
 * the object and tenant ids.
 */
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** The app user's id; absent until sign-in has resolved a user. */
    uid?: string;
    /** The user's session version when signing in; a bump signs every session out. */
    sv?: number;
  }

  /** Claims of Microsoft's ID token (the other providers have none of these). */
  interface Profile {
    oid?: string;
    tid?: string;
    preferred_username?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}
