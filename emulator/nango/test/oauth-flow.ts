/**
 * The popup half of a Connect UI flow without a browser: WebSocket ack, /oauth/connect,
 * the emulated Microsoft pages (TestBrowser), and the callback. Records what the
 * WebSocket said and the connection as the app would read it at that moment.
 */
import WebSocket from "ws";
import { authorizeAs, TestBrowser } from "../../microsoft/test-browser";
import type { TestEmulator } from "../../testing";
import { KEY, SECRET_KEY } from "./fixture";

export async function connectViaPopup(
  emulator: TestEmulator,
  token: string,
  email: string,
  browser = new TestBrowser(),
) {
  const wsUrl = emulator.origins.nango.replace(/^http/, "ws") + "/";
  const ws = new WebSocket(wsUrl);
  const messages: Array<Record<string, unknown>> = [];
  let onSuccess: ((m: Record<string, unknown>) => void) | undefined;
  /** The connection as GET /connections/:id answered the instant the WebSocket said success. */
  let atSuccess: Promise<Record<string, unknown>> | undefined;
  const clientId = await new Promise<string>((resolve, reject) => {
    ws.on("message", (raw) => {
      const message = JSON.parse(String(raw)) as Record<string, unknown>;
      messages.push(message);
      if (message.message_type === "connection_ack") resolve(String(message.ws_client_id));
      if (message.message_type === "success") {
        atSuccess = getConnection(emulator, String(message.connection_id));
        onSuccess?.(message);
      }
    });
    ws.on("error", reject);
  });
  const start = await fetch(
    `${emulator.origins.nango}/oauth/connect/${KEY}?connect_session_token=${token}&ws_client_id=${clientId}`,
    { redirect: "manual" },
  );
  const authorize = new URL(start.headers.get("location")!);
  const params = Object.fromEntries(authorize.searchParams);
  const callback = await authorizeAs(emulator, browser, email, {
    scope: params.scope!,
    prompt: params.prompt,
    state: params.state,
  });
  const success = new Promise<Record<string, unknown>>((resolve) => (onSuccess = resolve));
  const page = await fetch(callback.toString());
  const html = await page.text();
  const message = messages.find((m) => m.message_type === "success" || m.message_type === "error");
  const done = message ?? (await success);
  ws.close();
  return {
    status: page.status,
    html,
    message: done,
    atSuccess: await atSuccess,
    connectionId: String(done.connection_id),
  };
}

export async function getConnection(emulator: TestEmulator, connectionId: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulator.origins.nango}/connections/${connectionId}?provider_config_key=${KEY}`, {
    headers: { authorization: `Bearer ${SECRET_KEY}` },
  });
  return (await res.json()) as Record<string, unknown>;
}
