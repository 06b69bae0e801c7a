"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";

/** Disconnect with an explicit confirmation step; the server deletes the Nango connection first. */
export function DisconnectButton() {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function disconnect() {
    setPending(true);
    setError(null);
    try {
      await api("/api/connections", { method: "DELETE" });
      setConfirming(false);
      router.refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  }

  if (!confirming) {
    return (
      <Button variant="danger-outline" size="lg" onClick={() => setConfirming(true)}>
        Disconnect
      </Button>
    );
  }
  return (
    <div role="group" aria-label="Confirm disconnect" className="rounded-md border border-red-300 p-3 dark:border-red-800">
      <p className="text-sm">Disconnect Microsoft Teams? The app will lose access to your Teams data until you connect again.</p>
      <div className="mt-2 flex gap-2">
        <Button variant="danger" onClick={() => void disconnect()} pending={pending} pendingLabel="Disconnecting…">
          Yes, disconnect
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {error ? <InlineError className="mt-2">{error}</InlineError> : null}
    </div>
  );
}
