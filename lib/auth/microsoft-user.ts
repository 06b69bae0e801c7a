import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { SignedInUser } from "./password";

export interface MicrosoftProfile {
  oid: string;
  tid: string;
  email: string;
  name: string;
}

export class MicrosoftSignInRefused extends Error {}

/**
 * Finds or creates the app user for a Microsoft sign-in, keyed by the Entra object id.
 * An existing password account with the same email is NOT linked automatically: the
 * email claim from Entra is not proof of owning that mailbox, so linking would let
 * anyone who controls a tenant take over a local account.
 */
export async function resolveMicrosoftUser(profile: MicrosoftProfile): Promise<SignedInUser> {
  const email = profile.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { microsoftOid: profile.oid } });
  if (existing) {
    if (existing.locked) throw new MicrosoftSignInRefused("locked");
    const updated = await db.user.update({
      where: { id: existing.id },
      data: { lastSignInAt: new Date(), microsoftTenant: profile.tid, name: profile.name || existing.name },
    });
    return { id: updated.id, email: updated.email, name: updated.name, role: updated.role };
  }
  const sameEmail = await db.user.findUnique({ where: { email } });
  if (sameEmail) throw new MicrosoftSignInRefused("email_in_use");
  const created = await db.user.create({
    data: {
      email,
      name: profile.name || email,
      microsoftOid: profile.oid,
      microsoftTenant: profile.tid,
      role: env.ADMIN_EMAILS.map((e) => e.toLowerCase()).includes(email) ? "admin" : "user",
      lastSignInAt: new Date(),
    },
  });
  return { id: created.id, email: created.email, name: created.name, role: created.role };
}
