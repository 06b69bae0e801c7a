/**
 * Webhooks: Nango's API does not show a secret key the environment's webhook URL (its
 * `include=webhook` is the provider-to-Nango URL, not ours), so this checks our side:
 * the signing key is set (and not the emulator's against real Nango), the URL to enter
 * in Nango is one Nango can reach, and — if the app is running — that URL answers an
 * unsigned request with 401, i.e. the route is deployed and verifies signatures.
 */
import { EMULATOR_DEFAULTS, isLoopbackUrl } from "@/lib/env";
import { fail, pass, warn, type CheckResult, type DoctorConfig } from "./types";

export function webhookUrl(config: Pick<DoctorConfig, "APP_URL">): string {
  return new URL("/api/webhooks/nango", config.APP_URL).toString();
}

export function checkWebhookSigningKey(config: DoctorConfig): CheckResult {
  const title = "Webhook signing key";
  const fix = "set NANGO_WEBHOOK_SIGNING_KEY to the key in Nango > Environment settings > Webhooks";
  if (!config.NANGO_WEBHOOK_SIGNING_KEY.trim())
    return fail(title, "NANGO_WEBHOOK_SIGNING_KEY is empty: every webhook would be rejected", fix);
  if (
    !isLoopbackUrl(config.NANGO_HOST) &&
    config.NANGO_WEBHOOK_SIGNING_KEY === EMULATOR_DEFAULTS.NANGO_WEBHOOK_SIGNING_KEY
  ) {
    return fail(
      title,
      "still the emulator's key while NANGO_HOST is a real Nango: every webhook would be rejected",
      fix,
    );
  }
  return pass(title, "set");
}

export async function checkWebhookUrl(config: DoctorConfig): Promise<CheckResult> {
  const title = "Webhook URL";
  const url = webhookUrl(config);
  const configure = `in Nango > Environment settings > Webhooks, set the URL to ${url} and enable auth webhooks`;
  if (!isLoopbackUrl(config.NANGO_HOST) && (isLoopbackUrl(url) || !url.startsWith("https://"))) {
    return fail(
      title,
      `${url} cannot be reached by ${config.NANGO_HOST}`,
      `set APP_URL to the app's public https address, then ${configure}`,
    );
  }
  try {
    const response = await fetch(url, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
      signal: AbortSignal.timeout(5_000),
    });
    await response.body?.cancel();
    if (response.status === 401)
      return pass(title, `${url} is up and rejects unsigned requests; make sure Nango sends to it (${configure})`);
    return warn(
      title,
      `${url} answered ${response.status} to an unsigned request (expected 401)`,
      `check that APP_URL points at this app, then ${configure}`,
    );
  } catch {
    return warn(title, `${url} is not answering (is the app running?)`, `start the app, then ${configure}`);
  }
}
