/**
 * Seeds the offline demo's accounts (lib/demo-accounts.ts). Idempotent: upsert by email;
 * an existing account gets its demo password, name and role back, and is unlocked, so a
 * demo broken by experiments is repaired by seeding again.
 * Run: `npm run db:seed` (DATABASE_URL; takes the PGlite lock like every script).
 */
import bcrypt from "bcryptjs";
import { pathToFileURL } from "node:url";
import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { env } from "../../lib/env";
import { parseDatabaseUrl, describeTarget, type DatabaseTarget } from "../../lib/db/database-url";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { connectForMigrations } from "./connect";

/** bcrypt cost 10, the same as lib/auth/password.ts's hashes. */
const BCRYPT_COST = 10;

export async function seedDemoAccounts(prisma: PrismaClient): Promise<string[]> {
  for (const account of DEMO_ACCOUNTS) {
    const data = {
      name: account.name,
      role: account.role,
      passwordHash: await bcrypt.hash(account.password, BCRYPT_COST),
      locked: false,
      failedSignIns: 0,
    };
    await prisma.user.upsert({
      where: { email: account.email },
      create: { email: account.email, ...data },
      update: data,
    });
  }
  return DEMO_ACCOUNTS.map((account) => account.email);
}

/** Opens `target` (under the PGlite lock), seeds, closes. */
export async function seedDatabase(target: DatabaseTarget): Promise<string[]> {
  const connection = await connectForMigrations(target);
  try {
    return await seedDemoAccounts(connection.prisma());
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const target = parseDatabaseUrl(env.DATABASE_URL);
  seedDatabase(target).then(
    (emails) => {
      console.log(`${describeTarget(target)}: seeded ${emails.join(", ")}`);
      process.exit(0); // PGlite leaves a 10 s timer behind
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
