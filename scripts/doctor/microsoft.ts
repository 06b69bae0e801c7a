/** "Sign in with Microsoft": the OpenID discovery document next-auth loads at sign-in. */
import { fail, pass, type CheckResult, type DoctorConfig } from "./types";

export function discoveryUrl(config: Pick<DoctorConfig, "MICROSOFT_LOGIN_URL" | "MICROSOFT_TENANT_ID">): string {
  return `${config.MICROSOFT_LOGIN_URL.replace(/\/$/, "")}/${config.MICROSOFT_TENANT_ID}/v2.0/.well-known/openid-configuration`;
}

export async function checkMicrosoftSignIn(config: DoctorConfig): Promise<CheckResult> {
  const title = "Microsoft sign-in issuer";
  const url = discoveryUrl(config);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(8_000) });
    const body = (await response.json().catch(() => ({}))) as {
      issuer?: string;
      authorization_endpoint?: string;
      error_description?: string;
    };
    if (response.ok && body.issuer && body.authorization_endpoint) return pass(title, `${url} → issuer ${body.issuer}`);
    const why = body.error_description?.split(/\r?\n/)[0] ?? `HTTP ${response.status}`;
    return fail(
      title,
      `${url}: ${why}`,
      "check MICROSOFT_TENANT_ID (your tenant id, or organizations for a multi-tenant app)",
    );
  } catch (error) {
    return fail(
      title,
      `${url}: ${error instanceof Error ? error.message : error}`,
      "check MICROSOFT_LOGIN_URL (https://login.microsoftonline.com) and outbound network access",
    );
  }
}
