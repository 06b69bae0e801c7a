"use client";

import { RouteError } from "@/components/ui/route-error";

/** An admin page failed to load (database or Nango unreachable): say so and offer a retry. */
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <RouteError
      error={error}
      reset={reset}
      title="This admin page could not be loaded"
      message="Something went wrong on the server. Try again in a moment."
      showConnections={false}
    />
  );
}
