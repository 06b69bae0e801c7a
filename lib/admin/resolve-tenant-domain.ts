import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isTenantId } from "@/lib/tenants/tenant-id";

/**
 * The tenant id behind a verified domain, from Microsoft's OpenID discovery document
 * (`{login}/{domain}/v2.0/.well-known/openid-configuration`, issuer `…/{tenant id}/v2.0`).
 * Connections carry the tenant id, not a domain, so domains are stored as ids.
 */
export async function resolveTenantDomain(domain: string): Promise<string> {
  const url = `${env.MICROSOFT_LOGIN_URL.replace(/\/$/, "")}/${encodeURIComponent(domain)}/v2.0/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5_000), cache: "no-store" });
  } catch {
    throw new AppError(
      "upstream_unavailable",
      `Microsoft could not be reached to look up ${domain}. Try again, or enter the tenant id.`,
    );
  }
  const document = (await response.json().catch(() => null)) as { issuer?: unknown } | null;
  const tenantId = typeof document?.issuer === "string" ? /\/([^/]+)\/v2\.0\/?$/.exec(document.issuer)?.[1] : undefined;
  if (!response.ok || !isTenantId(tenantId)) {
    throw new AppError(
      "invalid_input",
      `No Microsoft tenant uses the domain ${domain}. Check the spelling, or enter the tenant id.`,
    );
  }
  return tenantId.toLowerCase();
}
