/**
 * The one integration the emulated Nango environment has configured, and its provider
 * template. The template is read from `@nangohq/providers` (what the real server uses)
 * and only its hosts are rewritten to the emulated Microsoft origins, so authorize/token
 * URLs, PKCE, default params and proxy retry rules stay exactly Nango's.
 */
import { getProvider } from "@nangohq/providers";
import type { EmulatorConfig } from "../core/config";

export interface ProviderTemplate {
  display_name: string;
  auth_mode: string;
  authorization_url: string;
  token_url: string;
  disable_pkce?: boolean;
  default_scopes?: string[];
  scope_separator?: string;
  authorization_params?: Record<string, string>;
  token_params?: Record<string, string>;
  refresh_params?: Record<string, string>;
  proxy: { base_url: string; retry?: { after?: string[] | string; at?: string[] | string }; decompress?: boolean };
  [key: string]: unknown;
}

export interface Integration {
  uniqueKey: string;
  /** Provider name as configured (`microsoft-teams`); the template may be an alias. */
  provider: string;
  template: ProviderTemplate;
  clientId: string;
  clientSecret: string;
  /** Stored comma-separated, like Nango's `oauth_scopes` column. */
  scopes: string;
  createdAt: string;
}

const MICROSOFT_LOGIN = "https://login.microsoftonline.com";
const MICROSOFT_GRAPH = "https://graph.microsoft.com";

/** Deep-copies a template, pointing Microsoft's public hosts at the emulated ones. */
export function rewriteHosts<T>(value: T, config: EmulatorConfig): T {
  const json = JSON.stringify(value)
    .split(MICROSOFT_LOGIN)
    .join(config.origins.login)
    .split(MICROSOFT_GRAPH)
    .join(config.origins.graph);
  return JSON.parse(json) as T;
}

export function loadIntegration(config: EmulatorConfig): Integration {
  const provider = "microsoft-teams";
  const template = getProvider(provider);
  if (!template) throw new Error(`@nangohq/providers has no "${provider}" entry`);
  return {
    uniqueKey: config.nango.integrationId,
    provider,
    template: rewriteHosts(template as unknown as ProviderTemplate, config),
    clientId: config.nango.clientId,
    clientSecret: config.nango.clientSecret,
    scopes: config.nango.scopes.join(","),
    createdAt: new Date(Date.UTC(2025, 0, 1)).toISOString(),
  };
}

/** `GET /providers/:provider` body: the template plus `name` and `logo_url`, as Nango sends it. */
export function providerToApi(name: string, config: EmulatorConfig) {
  const template = getProvider(name);
  if (!template) return null;
  return {
    ...rewriteHosts(template, config),
    name,
    logo_url: `${config.origins.nango}/images/template-logos/${name}.svg`,
  };
}

export function integrationToApi(
  integration: Integration,
  config: EmulatorConfig,
  include: Record<string, unknown> = {},
) {
  return {
    unique_key: integration.uniqueKey,
    provider: integration.provider,
    display_name: integration.template.display_name,
    logo: `${config.origins.nango}/images/template-logos/${integration.provider}.svg`,
    ...include,
    forward_webhooks: true,
    created_at: integration.createdAt,
    updated_at: integration.createdAt,
  };
}
