"use client";

import { createContext, useCallback, useContext, useMemo, useRef } from "react";
import { ApiError } from "@/components/ui/api";
import { useConnectUi, type ConnectOutcome, type ConnectUiConfig } from "./use-connect-ui";

/** The user closed the Connect UI (or it failed) before granting the permission to write. */
export class WriteConsentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WriteConsentError";
  }
}

export interface WriteAccess {
  /**
   * Runs a write. When the server answers `write_consent_required`, opens the Connect UI
   * to ask Microsoft for the extra permission (`onConsent` says so to the user), then
   * runs the same write again once: the caller's closure resends the same request, with
   * the same idempotency key. Throws a WriteConsentError when the user did not grant it.
   */
  withWriteAccess<T>(write: () => Promise<T>, onConsent?: () => void): Promise<T>;
}

const Context = createContext<WriteAccess | null>(null);

/** Gives the writes below it (composers, reactions) one Connect UI to ask for the permission to write. */
export function WriteAccessProvider({ config, children }: { config: ConnectUiConfig; children: React.ReactNode }) {
  const openConnectUi = useConnectUi(config);
  // Two writes refused at once (a message and a reaction) share one Connect UI.
  const consent = useRef<Promise<ConnectOutcome> | null>(null);

  const withWriteAccess = useCallback(
    async <T,>(write: () => Promise<T>, onConsent?: () => void): Promise<T> => {
      try {
        return await write();
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== "write_consent_required") throw error;
        onConsent?.();
        consent.current ??= openConnectUi("write").finally(() => {
          consent.current = null;
        });
        const outcome = await consent.current;
        if (outcome.kind !== "connected") {
          throw new WriteConsentError(`Microsoft Teams did not get your permission to send. ${outcome.message}`);
        }
        return write();
      }
    },
    [openConnectUi],
  );

  const value = useMemo(() => ({ withWriteAccess }), [withWriteAccess]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useWriteAccess(): WriteAccess {
  const value = useContext(Context);
  if (!value) throw new Error("useWriteAccess needs a WriteAccessProvider above it");
  return value;
}
