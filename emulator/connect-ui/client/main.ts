/**
 * Browser side of the emulated Connect UI, running inside the iframe that
 * `openConnectUI()` creates. Like the hosted UI it says `ready`, waits for the parent's
 * `session_token`, loads the session / integrations / provider, then runs the real
 * `@nangohq/frontend` `auth()` (popup + WebSocket) against `apiURL`.
 */
import Nango, { AuthError } from "@nangohq/frontend";
import { fetchApi, type IntegrationData, type SessionData } from "./api";
import { triggerClose, triggerConnection, triggerError, triggerReady, type AuthResult } from "./events";
import { providerMessage } from "./provider-error";
import { button, el, render } from "./view";

const params = new URLSearchParams(window.location.search);
const apiURL = params.get("apiURL") ?? window.location.origin.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) - 1}`);
const detectClosedAuthWindow = params.get("detectClosedAuthWindow") === "true";
const root = document.getElementById("dialog-body")!;
let nango: Nango | null = null;
let finished = false;
/** The screen to come back to when the callback page reports an error after auth() settled. */
let current: { integration: IntegrationData; session: SessionData; token: string } | null = null;
/** The screen to come back to when the callback page reports an error after auth() settled. */
document.getElementById("close")!.addEventListener("click", close);

function close(): void {
  nango?.clear();
  triggerClose();
}

function showLoading(text: string): void {
  render(root, el("h1", {}, "Connect"), el("p", { role: "status" }, text));
}

function showFatal(message: string): void {
  render(root, el("h1", {}, "Something went wrong"), el("p", { role: "alert" }, message), button("Close", close));
}

async function start(token: string): Promise<void> {
  showLoading("Loading…");
  try {
    const session = await fetchApi<SessionData>(apiURL, "/connect/session", token);
    const integrations = await fetchApi<IntegrationData[]>(apiURL, "/integrations", token);
    const integration = integrations[0];
    if (!integration) return showFatal("No integration is available for this session.");
    await fetchApi(apiURL, `/providers/${encodeURIComponent(integration.provider)}`, token);
    nango = new Nango({
      connectSessionToken: token,
      host: apiURL,
      websocketsPath: new URL(apiURL).pathname.replace(/\/+$/, "") + "/",
    });
    showIntegration(integration, session, token);
  } catch (error) {
    showFatal(error instanceof Error ? error.message : String(error));
  }
}

function showIntegration(integration: IntegrationData, session: SessionData, token: string): void {
  const name = integration.display_name;
  const intro = session.isReconnecting
    ? `Reconnect your ${name} account to renew access. Your existing connection is kept.`
    : `Connect your ${name} account. A Microsoft window will open to sign in and approve access.`;
  const connect = button(
    session.isReconnecting ? "Reconnect" : "Connect",
    () => void run(integration, session, token, connect),
  );
  render(
    root,
    el("img", { src: integration.logo, alt: "", width: "48", height: "48" }),
    el("h1", {}, name),
    ...(session.isReconnecting ? [el("p", { class: "badge" }, "Reconnecting an existing connection")] : []),
    el("p", {}, intro),
    connect,
  );
}

async function run(
  integration: IntegrationData,
  session: SessionData,
  token: string,
  connect: HTMLButtonElement,
): Promise<void> {
  if (!nango || connect.disabled) return;
  connect.disabled = true;
  connect.setAttribute("aria-busy", "true");
  connect.textContent = "Waiting for Microsoft…";
  nango.clear();
  finished = false;
  try {
    const result = (await nango.auth(integration.unique_key, { detectClosedAuthWindow })) as AuthResult;
    finished = true;
    triggerConnection(result);
    showSuccess(integration);
  } catch (error) {
    if (finished) return;
    const type = error instanceof AuthError ? error.type : "unknown_error";
    const message = error instanceof Error ? error.message : "Unknown error";
    const shown =
      type === "window_closed"
        ? "The window was closed before the connection was finished."
        : type === "blocked_by_browser"
          ? "The popup was blocked by your browser. Allow popups and try again."
          : providerMessage(message);
    triggerError(type, shown);
    showError(integration, session, token, shown);
  }
}

function showSuccess(integration: IntegrationData): void {
  render(
    root,
    el("h1", {}, "Connected"),
    el("p", { role: "status" }, `Your ${integration.display_name} account is connected.`),
    button("Finish", close),
  );
}

function showError(integration: IntegrationData, session: SessionData, token: string, message: string): void {
  render(
    root,
    el("h1", {}, "Connection failed"),
    el("p", { role: "alert" }, message),
    button("Try again", () => showIntegration(integration, session, token)),
  );
  current = { integration, session, token };
}

// The OAuth callback page reports provider errors to its opener (us) and waits for an ack
// before closing, as with the hosted Connect UI.
window.addEventListener("message", (event) => {
  const data = event.data as { type?: string; payload?: { message?: string }; sessionToken?: string } | null;
  if (!data || typeof data !== "object") return;
  if (data.type === "session_token" && event.source === window.parent && data.sessionToken) {
    void start(data.sessionToken);
    return;
  }
  if (event.origin !== new URL(apiURL).origin || event.source === window) return;
  if (data.type === "nango_oauth_callback_error" && data.payload) {
    const message = providerMessage(data.payload.message ?? "Authorization failed");
    triggerError("connection_validation_failed", message);
    if (current) showError(current.integration, current.session, current.token, message);
    (event.source as Window | null)?.postMessage({ type: "nango_oauth_callback_ack" }, event.origin);
  } else if (data.type === "nango_oauth_callback_success") {
    (event.source as Window | null)?.postMessage({ type: "nango_oauth_callback_ack" }, event.origin);
  }
});

// Opened directly from a connect_link (`?session_token=`) rather than embedded.
const linkToken = params.get("session_token");
if (linkToken) void start(linkToken);
else showLoading("Waiting for the session…");
triggerReady();
