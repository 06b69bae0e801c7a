"use client";

import { useEffect } from "react";

/** Shared body of the data pages' error.tsx: what happened, and a retry. */
export function RouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-xl border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="text-lg font-semibold">{what} could not be loaded</h1>
      <p className="mt-1 text-sm">Something went wrong on our side. Try again; if it keeps failing, check your connection on the Connections page.</p>
      <div className="mt-4 flex gap-3">
        <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Try again
        </button>
        <a href="/connections" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          Connections
        </a>
      </div>
    </div>
  );
}
