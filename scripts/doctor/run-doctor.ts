import { checkConfiguration } from "./config";
import { checkDatabase } from "./database";
import { checkLiveUpdates } from "./live-updates";
import { checkMicrosoftSignIn } from "./microsoft";
import { checkNango } from "./nango";
import { checkRedis } from "./redis";
import type { CheckResult, DoctorConfig } from "./types";
import { checkWebhookSigningKey, checkWebhookUrl } from "./webhook";

/** Every check, in checklist order; the independent groups run in parallel. */
export async function runDoctor(config: DoctorConfig): Promise<CheckResult[]> {
  const [nango, webhookUrl, live, database, redis, signIn] = await Promise.all([
    checkNango(config),
    checkWebhookUrl(config),
    checkLiveUpdates(config),
    checkDatabase(config.DATABASE_URL, undefined, config.requiredScopes),
    checkRedis(config.REDIS_URL),
    checkMicrosoftSignIn(config),
  ]);
  return [
    checkConfiguration(config),
    ...nango,
    checkWebhookSigningKey(config),
    webhookUrl,
    live,
    ...database,
    ...redis,
    signIn,
  ];
}

export const hasFailures = (results: CheckResult[]) => results.some((r) => r.status === "fail");
