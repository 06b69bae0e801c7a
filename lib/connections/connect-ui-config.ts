import "server-only";
import { env } from "@/lib/env";

/** Public addresses the browser's Connect UI needs; no secrets. Read at request time, so no rebuild per environment. */
export function connectUiConfig() {
  return { baseURL: env.NANGO_CONNECT_UI_URL, apiURL: env.NANGO_PUBLIC_API_URL };
}
