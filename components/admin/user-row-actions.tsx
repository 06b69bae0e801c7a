"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";

/** "Cancel request" for a pending re-prompt; described by the user's name cell for screen readers. */
export function CancelRepromptButton({ userId, describedBy }: { userId: string; describedBy: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function cancel() {
    setPending(true);
    setError(null);
    try {
      await api(`/api/admin/users/${userId}/reprompt`, { method: "DELETE" });
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }
  return (
    <>
      <Button variant="secondary" size="sm" className="mt-1" aria-describedby={describedBy} onClick={() => void cancel()} pending={pending} pendingLabel="Cancelling…">
        Cancel request
      </Button>
      {error ? <InlineError className="mt-1">{error}</InlineError> : null}
    </>
  );
}

/** "Disconnect" with an explicit confirmation; the server deletes the Nango connection first. */
export function DisconnectUserButton({ userId, userName, describedBy }: { userId: string; userName: string; describedBy: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function disconnect() {
    setPending(true);
    setError(null);
    try {
      await api(`/api/admin/users/${userId}/connection`, { method: "DELETE" });
      setConfirming(false);
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }
  if (!confirming) {
    return (
      <Button variant="danger-outline" size="sm" aria-describedby={describedBy} onClick={() => setConfirming(true)}>
        Disconnect
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm disconnecting ${userName}`} className="min-w-48 rounded-md border border-red-300 p-2 dark:border-red-800">
      <p className="text-sm">Disconnect {userName}? The app loses access to their Teams data until they connect again.</p>
      <div className="mt-2 flex gap-2">
        <Button variant="danger" size="sm" onClick={() => void disconnect()} pending={pending} pendingLabel="Disconnecting…">
          Yes, disconnect
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
          Keep connection
        </Button>
      </div>
      {error ? <InlineError className="mt-1">{error}</InlineError> : null}
    </div>
  );
}
