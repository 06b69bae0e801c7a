import type { Env } from "@/lib/env";

/** `skip`: not checked because a check it depends on failed (that one is the problem to fix). */
export type CheckStatus = "pass" | "fail" | "warn" | "skip";

export interface CheckResult {
  title: string;
  status: CheckStatus;
  /** What was found, in one line. */
  detail: string;
  /** What to do about it (fail/warn only). */
  fix?: string;
}

/** The settings the doctor checks: the app's env (tests pass their own). */
export type DoctorConfig = Pick<
  Env,
  | "NODE_ENV"
  | "APP_URL"
  | "AUTH_SECRET"
  | "DATABASE_URL"
  | "REDIS_URL"
  | "NANGO_HOST"
  | "NANGO_SECRET_KEY"
  | "NANGO_WEBHOOK_SIGNING_KEY"
  | "NANGO_INTEGRATION_ID"
  | "requiredScopes"
  | "MICROSOFT_LOGIN_URL"
  | "MICROSOFT_TENANT_ID"
  | "MICROSOFT_CLIENT_ID"
  | "MICROSOFT_CLIENT_SECRET"
> &
  Partial<Pick<Env, "LIVE_UPDATES" | "GRAPH_NOTIFICATION_URL">>;

export const pass = (title: string, detail: string): CheckResult => ({ title, status: "pass", detail });
export const fail = (title: string, detail: string, fix: string): CheckResult => ({
  title,
  status: "fail",
  detail,
  fix,
});
export const warn = (title: string, detail: string, fix: string): CheckResult => ({
  title,
  status: "warn",
  detail,
  fix,
});
export const skip = (title: string, detail: string): CheckResult => ({ title, status: "skip", detail });

/** Rejects after `ms` so a black-holed host cannot hang the doctor. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
