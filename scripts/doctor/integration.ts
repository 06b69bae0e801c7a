/**
 * Pure checks of the Nango integration as `GET /integrations/:key?include=credentials`
 * returns it. Nango (Cloud and the emulator alike) stores the scopes as one
 * comma-separated string (`credentials.scopes`); the dashboard shows them space-separated.
 */
import { getProvider } from "@nangohq/providers";
import { missingScopes, scopeProblems } from "@/lib/scopes";
import { fail, pass, warn, type CheckResult } from "./types";

export interface IntegrationInfo {
  unique_key: string;
  provider: string;
  credentials?: { type?: string; scopes?: string | null } | null;
}

const RECOMMENDED_PROVIDER = "microsoft-teams";
const FIX_PROVIDER = `create the integration with the "Microsoft Teams" provider (${RECOMMENDED_PROVIDER}) in Nango > Integrations`;

/** Delegated (user sign-in) OAuth 2 against Microsoft's v2.0 endpoint: what the app needs. */
function isDelegatedMicrosoft(provider: string): boolean {
  const template = getProvider(provider) as { auth_mode?: string; authorization_url?: string } | null;
  const url = template?.authorization_url ?? "";
  return (
    template?.auth_mode === "OAUTH2" &&
    url.startsWith("https://login.microsoftonline.com/") &&
    url.endsWith("/oauth2/v2.0/authorize")
  );
}

export function checkProvider(integration: IntegrationInfo): CheckResult {
  const title = "Integration provider";
  const { provider } = integration;
  if (provider === RECOMMENDED_PROVIDER) return pass(title, `${integration.unique_key} uses the ${provider} provider`);
  if (isDelegatedMicrosoft(provider) && provider !== "microsoft-teams-bot") {
    return warn(
      title,
      `${integration.unique_key} uses the generic Microsoft provider "${provider}"; it works but is not the one documented`,
      FIX_PROVIDER,
    );
  }
  return fail(
    title,
    `${integration.unique_key} uses the provider "${provider}", not a delegated Microsoft Teams one`,
    FIX_PROVIDER,
  );
}

export function integrationScopes(integration: IntegrationInfo): string[] | null {
  const raw = integration.credentials?.scopes;
  if (raw === undefined || raw === null) return null;
  return raw.split(/[\s,]+/).filter(Boolean);
}

/** offline_access present, `.default` not mixed in, and every scope the app needs configured. */
export function checkScopes(integration: IntegrationInfo, required: string[]): CheckResult[] {
  const scopes = integrationScopes(integration);
  if (scopes === null) {
    const detail =
      "Nango did not return the integration's credentials (shared/preconfigured app?), so its scopes are unknown";
    const fix = "use your own Entra app registration's credentials in the integration (docs/setup.md)";
    return [warn("Integration scopes", detail, fix), warn("Scopes the dashboard needs", "unknown", fix)];
  }
  const problems = scopeProblems(scopes);
  const shape =
    problems.length === 0
      ? pass("Integration scopes", `${scopes.length} scopes, offline_access included, no .default mixed in`)
      : fail(
          "Integration scopes",
          problems.join("; "),
          "edit the integration's scopes in Nango: add offline_access, and use either .default alone or explicit scopes",
        );
  const missing = missingScopes(required, scopes);
  const usesDefault = scopes.some((s) => s === ".default" || s.endsWith("/.default"));
  const needed = usesDefault
    ? warn(
        "Scopes the dashboard needs",
        ".default grants whatever the Entra app registration lists, so Nango cannot show them",
        `make sure the app registration's delegated permissions include ${required.filter((s) => s !== "offline_access").join(" ")}`,
      )
    : missing.length === 0
      ? pass("Scopes the dashboard needs", `all of TEAMS_REQUIRED_SCOPES are configured (${required.join(" ")})`)
      : fail(
          "Scopes the dashboard needs",
          `missing from the integration: ${missing.join(" ")}`,
          "add them to the integration's scopes in Nango and as delegated permissions of the Entra app (docs/setup.md)",
        );
  return [shape, needed];
}
