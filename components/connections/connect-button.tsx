"use client";

import type { ConnectUI, ConnectUIEvent } from "@nangohq/frontend";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";
import { connectErrorMessage } from "./connect-errors";

export interface ConnectUiConfig {
  baseURL: string;
  apiURL: string;
}

type State = { kind: "idle" } | { kind: "working" } | { kind: "done"; message: string } | { kind: "failed"; message: string };

interface SessionResponse {
  token: string;
  expiresAt: string;
}

/** Re-mint this long before the 30-minute session token expires, while the UI is open. */
const REMINT_MARGIN_MS = 60_000;

/**
 * Opens Nango's Connect UI for the signed-in user. The Nango frontend SDK is loaded
 * only on click, so it never weighs on the first load of a page. The session token is
 * minted by our server; the connection the UI reports is verified by our server too.
 */
export function ConnectButton({
  config,
  intent = "connect",
  label,
  variant = "primary",
}: {
  config: ConnectUiConfig;
  intent?: "connect" | "switch_account";
  label: string;
  variant?: "primary" | "secondary";
}) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "idle" });
  const ui = useRef<ConnectUI | null>(null);
  const remint = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => {
    clearTimeout(remint.current);
    ui.current?.close();
  }, []);

  function scheduleRemint(expiresAt: string) {
    clearTimeout(remint.current);
    const wait = Math.max(5_000, new Date(expiresAt).getTime() - Date.now() - REMINT_MARGIN_MS);
    remint.current = setTimeout(async () => {
      if (!ui.current) return;
      const next = await api<SessionResponse>("/api/connect/session", { method: "POST", body: { intent } }).catch(() => null);
      if (next && ui.current) {
        ui.current.setSessionToken(next.token);
        scheduleRemint(next.expiresAt);
      }
    }, wait);
  }

  async function open() {
    setState({ kind: "working" });
    let connected = false;
    let lastError: string | null = null;
    // The server's check of the connection; the page refreshes only once it is done.
    let confirmation: Promise<void> = Promise.resolve();
    try {
      const [session, { default: Nango }] = await Promise.all([
        api<SessionResponse>("/api/connect/session", { method: "POST", body: { intent } }),
        import("@nangohq/frontend"),
      ]);
      const onEvent = async (event: ConnectUIEvent) => {
        if (event.type === "connect") {
          connected = true;
          confirmation = api("/api/connections", { method: "POST", body: { connectionId: event.payload.connectionId } }).then(
            () => setState({ kind: "done", message: "Microsoft Teams is connected." }),
            (error: unknown) => setState({ kind: "failed", message: errorMessage(error) }),
          );
          await confirmation;
        } else if (event.type === "error") {
          lastError = connectErrorMessage(event.payload.errorType, event.payload.errorMessage);
        } else if (event.type === "close") {
          clearTimeout(remint.current);
          ui.current = null;
          // Refresh the page's server data only now: refreshing while the Connect UI is
          // open could unmount this button (a banner that no longer applies) and the UI with it.
          if (connected) void confirmation.then(() => router.refresh());
          else setState({ kind: "failed", message: lastError ?? "Connecting was cancelled. You can try again at any time." });
        }
      };
      ui.current = new Nango({ connectSessionToken: session.token }).openConnectUI({ ...config, onEvent });
      // The SDK's iframe has no accessible name; screen readers announce it by its title.
      document.getElementById("connect-ui")?.setAttribute("title", "Connect Microsoft Teams (Nango)");
      scheduleRemint(session.expiresAt);
    } catch (error) {
      setState({ kind: "failed", message: errorMessage(error) });
    }
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant={variant} size="lg" onClick={() => void open()} disabled={state.kind === "working"}>
        {label}
      </Button>
      <div aria-live="polite" className="text-sm">
        {state.kind === "done" ? <p role="status" className="text-green-700 dark:text-green-400">{state.message}</p> : null}
        {state.kind === "failed" ? <InlineError>{state.message}</InlineError> : null}
      </div>
    </div>
  );
}
