/**
 * The emulated Nango Connect UI origin (connect.nango.dev). `openConnectUI()` loads
 * `<baseURL>/?apiURL=…` in an iframe; a connect_link opens `/?session_token=…` directly.
 * Any path ending in `/` serves the page, since the SDK appends one to baseURL.
 */
import { Hono } from "hono";
import type { EmulatedService, EmulatorContext } from "../core/context";
import { connectUiScript } from "./bundle";
import { connectUiPage } from "./page";

export async function createConnectUiService(_ctx: EmulatorContext): Promise<EmulatedService> {
  const script = await connectUiScript();
  const page = connectUiPage();
  const app = new Hono();
  app.get("*", (c) => {
    if (c.req.path.endsWith("/connect-ui.js")) {
      return c.body(script, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" });
    }
    return c.req.path.endsWith("/") ? c.html(page) : c.notFound();
  });
  return { app };
}
