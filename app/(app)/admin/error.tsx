"use client";

/** An admin page failed to load (database or Nango unreachable): say so and offer a retry. */
export default function AdminError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="text-lg font-semibold">This admin page could not be loaded</h1>
      <p className="mt-1 text-sm">Something went wrong on the server. Try again in a moment.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Try again
      </button>
    </div>
  );
}
