import "server-only";
import { env } from "@/lib/env";
import { isAdminOnlyScope } from "@/lib/scopes";

/** Public addresses the browser's Connect UI needs; no secrets. Read at request time, so no rebuild per environment. */
export function connectUiConfig() {
  return { baseURL: env.NANGO_CONNECT_UI_URL, apiURL: env.NANGO_PUBLIC_API_URL };
}

/** True when the app asks for a permission only an administrator can approve: the Connect button then offers a basic connect. */
export function offersBasicConnect(): boolean {
  return env.requiredScopes.some(isAdminOnlyScope);
}
