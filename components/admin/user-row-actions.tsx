"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./send-json";

const small = "rounded-md border px-2.5 py-1 text-sm font-medium disabled:opacity-60";

/** "Cancel request" for a pending re-prompt; described by the user's name cell for screen readers. */
export function CancelRepromptButton({ userId, describedBy }: { userId: string; describedBy: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function cancel() {
    setPending(true);
    setError(null);
    try {
      await sendJson(`/api/admin/users/${userId}/reprompt`, "DELETE");
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }
  return (
    <>
      <button type="button" aria-describedby={describedBy} onClick={() => void cancel()} disabled={pending} className={`${small} mt-1 border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800`}>
        {pending ? "Cancelling…" : "Cancel request"}
      </button>
      {error ? <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
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
      await sendJson(`/api/admin/users/${userId}/connection`, "DELETE");
      setConfirming(false);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }
  if (!confirming) {
    return (
      <button type="button" aria-describedby={describedBy} onClick={() => setConfirming(true)} className={`${small} border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950`}>
        Disconnect
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm disconnecting ${userName}`} className="min-w-48 rounded-md border border-red-300 p-2 dark:border-red-800">
      <p className="text-sm">Disconnect {userName}? The app loses access to their Teams data until they connect again.</p>
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={() => void disconnect()} disabled={pending} className={`${small} border-red-600 bg-red-600 text-white hover:bg-red-700`}>
          {pending ? "Disconnecting…" : "Yes, disconnect"}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className={`${small} border-slate-300 dark:border-slate-600`}>
          Keep connection
        </button>
      </div>
      {error ? <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
    </div>
  );
}
