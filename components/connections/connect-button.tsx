"use client";

import type { ConnectUI, ConnectUIEvent } from "@nangohq/frontend";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { api, ApiError, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";
import { connectErrorMessage } from "./connect-errors";

export interface ConnectUiConfig {
  baseURL: string;
  apiURL: string;
}

type State =
  { kind: "idle" } | { kind: "working" } | { kind: "done"; message: string } | { kind: "failed"; message: string };

type Intent = "connect" | "switch_account" | "basic" | "write";

interface SessionResponse {
  token: string;
  expiresAt: string;
}

/** Re-mint this long before the 30-minute session token expires, while the UI is open. */
const REMINT_MARGIN_MS = 60_000;

/** How long the server may take to learn the connection's organization (Nango writes it after success). */
const TENANT_PENDING_TRIES = 15;

/** The connect event, confirmed by the server; retried while it says the tenant is not known yet. */
async function confirmConnection(connectionId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await api("/api/connections", { method: "POST", body: { connectionId } });
      return;
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "tenant_pending" || attempt >= TENANT_PENDING_TRIES)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

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
  basicFallback = false,
}: {
  config: ConnectUiConfig;
  intent?: Intent;
  label: string;
  variant?: "primary" | "secondary";
  /**
   * After a failed or abandoned connect, offer to connect with only the permissions a
   * user may consent to (set where the app asks for some that need an administrator).
   */
  basicFallback?: boolean;
}) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "idle" });
  const ui = useRef<ConnectUI | null>(null);
  const remint = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const current = useRef<Intent>(intent);

  useEffect(
    () => () => {
      clearTimeout(remint.current);
      ui.current?.close();
    },
    [],
  );

  function scheduleRemint(expiresAt: string) {
    clearTimeout(remint.current);
    const wait = Math.max(5_000, new Date(expiresAt).getTime() - Date.now() - REMINT_MARGIN_MS);
    remint.current = setTimeout(async () => {
      if (!ui.current) return;
      const next = await api<SessionResponse>("/api/connect/session", {
        method: "POST",
        body: { intent: current.current },
      }).catch(() => null);
      if (next && ui.current) {
        ui.current.setSessionToken(next.token);
        scheduleRemint(next.expiresAt);
      }
    }, wait);
  }

  async function open(chosen: Intent = intent) {
    current.current = chosen;
    setState({ kind: "working" });
    let connected = false;
    let lastError: string | null = null;
    // The server's check of the connection; the page refreshes only once it is done.
    let confirmation: Promise<void> = Promise.resolve();
    try {
      const [session, { default: Nango }] = await Promise.all([
        api<SessionResponse>("/api/connect/session", { method: "POST", body: { intent: chosen } }),
        import("@nangohq/frontend"),
      ]);
      const onEvent = async (event: ConnectUIEvent) => {
        if (event.type === "connect") {
          connected = true;
          confirmation = confirmConnection(event.payload.connectionId).then(
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
          else {
            // Tell the server, so a consent prompt the user could not complete is not forced again.
            void api("/api/connect/failure", {
              method: "POST",
              body: { reason: lastError ? "error" : "cancelled" },
            }).catch(() => undefined);
            setState({
              kind: "failed",
              message: lastError ?? "Connecting was cancelled. You can try again at any time.",
            });
          }
        }
      };
      // detectClosedAuthWindow: a Microsoft window closed by hand (e.g. on "Need admin approval") is reported, not waited on.
      ui.current = new Nango({ connectSessionToken: session.token }).openConnectUI({
        ...config,
        detectClosedAuthWindow: true,
        onEvent,
      });
      // The SDK's iframe has no accessible name; screen readers announce it by its title.
      document.getElementById("connect-ui")?.setAttribute("title", "Connect Microsoft Teams (Nango)");
      scheduleRemint(session.expiresAt);
    } catch (error) {
      setState({ kind: "failed", message: errorMessage(error) });
    }
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant={variant} size="lg" onClick={() => void open(intent)} disabled={state.kind === "working"}>
        {label}
      </Button>
      <div aria-live="polite" className="text-sm">
        {state.kind === "done" ? (
          <p role="status" className="text-green-700 dark:text-green-400">
            {state.message}
          </p>
        ) : null}
        {state.kind === "failed" ? <InlineError>{state.message}</InlineError> : null}
      </div>
      {state.kind === "failed" && basicFallback && current.current !== "basic" ? (
        <div className="max-w-prose text-sm text-slate-700 dark:text-slate-300">
          <p>
            If Microsoft asked for an administrator&apos;s approval, you can still connect with the permissions you may
            approve yourself: your teams, chats and presence work; channel messages wait until your administrator
            approves the app.
          </p>
          <Button variant="secondary" className="mt-2" onClick={() => void open("basic")}>
            Connect without channel messages
          </Button>
        </div>
      ) : null}
    </div>
  );
}
