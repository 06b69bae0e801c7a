"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";
import { useConnectUi, type ConnectIntent, type ConnectUiConfig } from "./use-connect-ui";

export type { ConnectUiConfig } from "./use-connect-ui";

type State =
  { kind: "idle" } | { kind: "working" } | { kind: "done"; message: string } | { kind: "failed"; message: string };

/** Opens Nango's Connect UI for the signed-in user (useConnectUi), then refreshes the page's server data. */
export function ConnectButton({
  config,
  intent = "connect",
  label,
  variant = "primary",
  basicFallback = false,
}: {
  config: ConnectUiConfig;
  intent?: ConnectIntent;
  label: string;
  variant?: "primary" | "secondary";
  /**
   * After a failed or abandoned connect, offer to connect with only the permissions a
   * user may consent to (set where the app asks for some that need an administrator).
   */
  basicFallback?: boolean;
}) {
  const router = useRouter();
  const openConnectUi = useConnectUi(config);
  const [state, setState] = useState<State>({ kind: "idle" });
  const [last, setLast] = useState<ConnectIntent>(intent);

  async function open(chosen: ConnectIntent) {
    setLast(chosen);
    setState({ kind: "working" });
    const outcome = await openConnectUi(chosen);
    if (outcome.kind === "connected") {
      setState({ kind: "done", message: "Microsoft Teams is connected." });
      router.refresh();
    } else {
      setState({ kind: "failed", message: outcome.message });
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
      {state.kind === "failed" && basicFallback && last !== "basic" ? (
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
