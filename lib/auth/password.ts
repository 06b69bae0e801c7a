import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";

/** After this many failed attempts in a row an account is locked until an admin unlocks it. */
export const MAX_FAILED_SIGN_INS = 10;

// A real hash of a random password, compared against when the email is unknown so that
// an unknown account takes as long to refuse as a wrong password (no user enumeration).
const DUMMY_HASH = "$2b$10$MlRfQ8X.NS1PBdxr5szxae7In8xPaa/lIBb3qGjNCBiCD7q0Rwuna";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: "user" | "admin";
}

/**
 * Checks an email + password. Returns the user, or null for every kind of failure
 * (unknown email, wrong password, locked account) so the caller cannot tell which.
 */
export async function verifyPassword(email: string, password: string): Promise<SignedInUser | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash) return null;
  if (user.locked) return null;
  if (!ok) {
    const failed = user.failedSignIns + 1;
    await db.user.update({
      where: { id: user.id },
      data: { failedSignIns: failed, locked: failed >= MAX_FAILED_SIGN_INS },
    });
    return null;
  }
  await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
