/**
 * The offline demo's accounts, created by `npm run db:seed` (scripts/db/seed.ts) and
 * signed in with by the e2e tests. Demo-only passwords: the seed never runs against a
 * database that already has users (scripts/db/prepare.ts) unless asked to explicitly.
 */
export type DemoAccount = { email: string; password: string; name: string; role: "admin" | "user" };

export const DEMO_ADMIN: DemoAccount = {
  email: "admin@example.com",
  password: "admin-password",
  name: "Ada Admin",
  role: "admin",
};
export const DEMO_MEGAN: DemoAccount = {
  email: "megan@example.com",
  password: "megan-password",
  name: "Megan Bowen",
  role: "user",
};
export const DEMO_ALEX: DemoAccount = {
  email: "alex@example.com",
  password: "alex-password",
  name: "Alex Wilber",
  role: "user",
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [DEMO_ADMIN, DEMO_MEGAN, DEMO_ALEX];
