"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Disconnect with an explicit confirmation step; the server deletes the Nango connection first. */
export function DisconnectButton() {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function disconnect() {
    setPending(true);
    setError(null);
    const response = await fetch("/api/connections", { method: "DELETE" });
    setPending(false);
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      setError(body.error?.message ?? "Disconnecting failed. Try again.");
      return;
    }
    setConfirming(false);
    router.refresh();
  }

  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded-md border border-red-300 px-4 py-2 font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950">
        Disconnect
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm disconnect" className="rounded-md border border-red-300 p-3 dark:border-red-800">
      <p className="text-sm">Disconnect Microsoft Teams? The app will lose access to your Teams data until you connect again.</p>
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={() => void disconnect()} disabled={pending} className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60">
          {pending ? "Disconnecting…" : "Yes, disconnect"}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600">
          Cancel
        </button>
      </div>
      {error ? <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
    </div>
  );
}
