"use client";

import type { ConnectUI, ConnectUIEvent } from "@nangohq/frontend";
import { useCallback, useEffect, useRef } from "react";
import { api, ApiError, errorMessage } from "@/components/ui/api";
import { connectErrorMessage } from "./connect-errors";

/** Public addresses the browser's Connect UI needs (lib/connections/connect-ui-config.ts). */
export interface ConnectUiConfig {
  baseURL: string;
  apiURL: string;
}

/** What the Connect session asks Microsoft for; `write` adds the permission to send. */
export type ConnectIntent = "connect" | "switch_account" | "basic" | "write";

/** How one opening of the Connect UI ended, known once it has closed. */
export type ConnectOutcome =
  | { kind: "connected" }
  /** Closed without a connection (cancelled or an error the UI showed), or the server refused it. */
  | { kind: "not_connected"; message: string };

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

type Ref<T> = { current: T };

/** Re-mints the session token before it expires, for as long as the UI stays open. */
function scheduleRemint(
  ui: Ref<ConnectUI | null>,
  timer: Ref<ReturnType<typeof setTimeout> | undefined>,
  intent: ConnectIntent,
  expiresAt: string,
) {
  clearTimeout(timer.current);
  const wait = Math.max(5_000, new Date(expiresAt).getTime() - Date.now() - REMINT_MARGIN_MS);
  timer.current = setTimeout(async () => {
    if (!ui.current) return;
    const next = await api<SessionResponse>("/api/connect/session", { method: "POST", body: { intent } }).catch(
      () => null,
    );
    if (next && ui.current) {
      ui.current.setSessionToken(next.token);
      scheduleRemint(ui, timer, intent, next.expiresAt);
    }
  }, wait);
}

/**
 * Opens Nango's Connect UI for the signed-in user and resolves when it has closed. The
 * Nango frontend SDK is loaded only when opened, so it never weighs on a page's first
 * load. The session token is minted by our server, and the connection the UI reports is
 * verified by our server before this says "connected". Shared by the Connect button and
 * by writes that need a permission the user has not granted yet.
 */
export function useConnectUi(config: ConnectUiConfig): (intent: ConnectIntent) => Promise<ConnectOutcome> {
  const ui = useRef<ConnectUI | null>(null);
  const remint = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(
    () => () => {
      clearTimeout(remint.current);
      ui.current?.close();
    },
    [],
  );

  return useCallback(
    async (chosen: ConnectIntent) => {
      let session: SessionResponse;
      let Nango: typeof import("@nangohq/frontend").default;
      try {
        [session, { default: Nango }] = await Promise.all([
          api<SessionResponse>("/api/connect/session", { method: "POST", body: { intent: chosen } }),
          import("@nangohq/frontend"),
        ]);
      } catch (error) {
        return { kind: "not_connected", message: errorMessage(error) };
      }
      return new Promise<ConnectOutcome>((resolve) => {
        // The server's check of the connection, started on the UI's connect event.
        let confirmation: Promise<ConnectOutcome> | null = null;
        let lastError: string | null = null;
        const onEvent = (event: ConnectUIEvent) => {
          if (event.type === "connect") {
            confirmation = confirmConnection(event.payload.connectionId).then(
              (): ConnectOutcome => ({ kind: "connected" }),
              (error: unknown): ConnectOutcome => ({ kind: "not_connected", message: errorMessage(error) }),
            );
          } else if (event.type === "error") {
            lastError = connectErrorMessage(event.payload.errorType, event.payload.errorMessage);
          } else if (event.type === "close") {
            clearTimeout(remint.current);
            ui.current = null;
            // Resolved only now: callers refresh or resend after the UI is gone, so the
            // page cannot unmount it (a banner that no longer applies) while it is open.
            if (confirmation) {
              void confirmation.then(resolve);
              return;
            }
            // Tell the server, so a consent prompt the user could not complete is not forced again.
            void api("/api/connect/failure", {
              method: "POST",
              body: { reason: lastError ? "error" : "cancelled" },
            }).catch(() => undefined);
            resolve({
              kind: "not_connected",
              message: lastError ?? "Connecting was cancelled. You can try again at any time.",
            });
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
        scheduleRemint(ui, remint, chosen, session.expiresAt);
      });
    },
    [config],
  );
}
