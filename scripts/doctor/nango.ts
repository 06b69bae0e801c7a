/**
 * The Nango checks, in dependency order: reachable + key accepted (`GET /integrations`),
 * then the integration (`GET /integrations/:key?include=credentials`): exists, provider,
 * scopes. A failing step marks the ones after it as skipped.
 */
import { Nango } from "@nangohq/node";
import { checkProvider, checkScopes, type IntegrationInfo } from "./integration";
import { fail, pass, skip, withTimeout, type CheckResult, type DoctorConfig } from "./types";

const TIMEOUT_MS = 8_000;

type HttpFailure = { status?: number; code?: string; message: string };

function failureOf(error: unknown): HttpFailure {
  const e = error as {
    response?: { status?: number; data?: { error?: { code?: string; message?: string } } };
    code?: string;
    message?: string;
  };
  const body = e.response?.data?.error;
  return {
    status: e.response?.status,
    code: body?.code ?? e.code,
    message: body?.message ?? e.message ?? String(error),
  };
}

function isSocketReset(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "ECONNRESET" || code === "EPIPE";
}

const AFTER_UNREACHABLE = ["Integration", "Integration provider", "Integration scopes", "Scopes the dashboard needs"];

export async function checkNango(config: DoctorConfig): Promise<CheckResult[]> {
  const host = config.NANGO_HOST;
  const nango = new Nango({ host, secretKey: config.NANGO_SECRET_KEY });
  nango.http.defaults.timeout = TIMEOUT_MS;
  const skipRest = (titles: string[], why: string) => titles.map((title) => skip(title, why));

  let integrationKeys: string[];
  try {
    // Once more on a reset: Node reuses idle keep-alive sockets, and a server (or load
    // balancer) that closed its end meanwhile resets the next request on it.
    const list = () => withTimeout(nango.listIntegrations(), TIMEOUT_MS, host);
    const { configs } = await list().catch((error: unknown) => (isSocketReset(error) ? list() : Promise.reject(error)));
    integrationKeys = configs.map((c) => c.unique_key);
  } catch (error) {
    const failure = failureOf(error);
    if (failure.status === 401 || failure.status === 403) {
      return [
        pass("Nango reachable", host),
        fail(
          "Nango secret key",
          `rejected by ${host} (${failure.status} ${failure.code ?? ""})`.trim(),
          "set NANGO_SECRET_KEY to the secret key of the Nango environment you use (Nango > Environment settings)",
        ),
        ...skipRest(AFTER_UNREACHABLE, "needs a valid secret key"),
      ];
    }
    const detail = failure.status
      ? `${host} answered ${failure.status} ${failure.code ?? ""}`.trim()
      : `${host}: ${failure.message}`;
    return [
      fail(
        "Nango reachable",
        detail,
        "check NANGO_HOST (Nango Cloud: https://api.nango.dev; self-hosted: your server's API URL) and outbound network access",
      ),
      ...skipRest(["Nango secret key", ...AFTER_UNREACHABLE], "Nango is unreachable"),
    ];
  }
  const results = [
    pass("Nango reachable", host),
    pass("Nango secret key", `accepted; the environment has ${integrationKeys.length} integration(s)`),
  ];

  let integration: IntegrationInfo;
  try {
    const { data } = await withTimeout(
      nango.getIntegration({ uniqueKey: config.NANGO_INTEGRATION_ID }, { include: ["credentials"] }),
      TIMEOUT_MS,
      host,
    );
    integration = data as IntegrationInfo;
  } catch (error) {
    const failure = failureOf(error);
    const known = integrationKeys.length
      ? `this environment has: ${integrationKeys.join(", ")}`
      : "this environment has no integrations";
    const detail =
      failure.status === 404
        ? `no integration "${config.NANGO_INTEGRATION_ID}" (${known})`
        : `${failure.status ?? ""} ${failure.message}`.trim();
    return [
      ...results,
      fail(
        "Integration",
        detail,
        `create it in Nango > Integrations (provider microsoft-teams) or set NANGO_INTEGRATION_ID to its unique key`,
      ),
      ...skipRest(AFTER_UNREACHABLE.slice(1), "the integration could not be read"),
    ];
  }
  results.push(pass("Integration", `"${integration.unique_key}" exists`));
  return [...results, checkProvider(integration), ...checkScopes(integration, config.requiredScopes)];
}
