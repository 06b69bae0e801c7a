/**
 * Makes an existing user an admin: `npx tsx --conditions=react-server scripts/make-admin.ts <email>`
 * (DATABASE_URL as for the app; takes the PGlite lock, so stop the dev server first when
 * using the embedded database). The user must have signed in once (or been seeded).
 */
import { pathToFileURL } from "node:url";
import { env } from "../lib/env";
import { describeTarget, parseDatabaseUrl, type DatabaseTarget } from "../lib/db/database-url";
import { connectForMigrations } from "./db/connect";

export async function makeAdmin(target: DatabaseTarget, email: string): Promise<boolean> {
  const connection = await connectForMigrations(target);
  try {
    const { count } = await connection
      .prisma()
      .user.updateMany({ where: { email: email.trim().toLowerCase() }, data: { role: "admin" } });
    return count === 1;
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const email = process.argv[2];
  if (!email) {
    console.error("Usage: tsx --conditions=react-server scripts/make-admin.ts <email>");
    process.exit(2);
  }
  const target = parseDatabaseUrl(env.DATABASE_URL);
  makeAdmin(target, email).then(
    (done) => {
      console.log(
        done
          ? `${describeTarget(target)}: ${email} is now an admin`
          : `${describeTarget(target)}: no user with email ${email}`,
      );
      process.exit(done ? 0 : 1); // PGlite leaves a 10 s timer behind
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
