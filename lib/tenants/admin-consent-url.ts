import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { integrationId, nango } from "@/lib/nango/client";
import { withNangoRetry } from "@/lib/nango/rate-limit-retry";
import { encodeAdminConsentState, type AdminConsentState } from "./signed-state";

export const ADMIN_CONSENT_CALLBACK_PATH = "/api/tenant-consent/callback";

let clientIdCache: Promise<string> | null = null;

/** The app registration Nango connects with: the one an admin must grant. */
function integrationClientId(): Promise<string> {
  clientIdCache ??= withNangoRetry(() =>
    nango.getIntegration({ uniqueKey: integrationId }, { include: ["credentials"] }),
  )
    .then(({ data }) => {
      const clientId = (data as { credentials?: { client_id?: string } }).credentials?.client_id;
      if (!clientId) throw new Error("the integration has no client id");
      return clientId;
    })
    .catch((error: unknown) => {
      clientIdCache = null;
      throw error instanceof Error && error.message.includes("client id")
        ? new AppError("upstream_unavailable", "The Nango integration has no Microsoft client id configured.")
        : new AppError("upstream_unavailable", "Nango could not be reached. Try again in a moment.");
    });
  return clientIdCache;
}

/**
 * Microsoft's admin-consent endpoint for the Nango integration's app registration: a
 * tenant admin who opens it grants every configured permission for the whole
 * organization (`.default` alone, as the endpoint requires; `organizations`, never
 * `common`, when the tenant is not known).
 */
export async function adminConsentUrl(state: Omit<AdminConsentState, "at">): Promise<string> {
  const url = new URL(
    `${env.MICROSOFT_LOGIN_URL}/${encodeURIComponent(state.tenant ?? "organizations")}/v2.0/adminconsent`,
  );
  url.searchParams.set("client_id", await integrationClientId());
  url.searchParams.set("redirect_uri", `${env.APP_URL}${ADMIN_CONSENT_CALLBACK_PATH}`);
  url.searchParams.set("scope", "https://graph.microsoft.com/.default");
  url.searchParams.set("state", encodeAdminConsentState({ ...state, at: Date.now() }));
  return url.toString();
}
