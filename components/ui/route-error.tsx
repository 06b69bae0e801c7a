"use client";

import { useEffect } from "react";
import { Button } from "./button";
import { buttonClasses } from "./button-styles";
import { ErrorView } from "./error-view";

/** Shared body of the routes' error.tsx: what happened, and a retry. */
export function RouteError({
  error,
  reset,
  title,
  message = "Something went wrong on our side. Try again; if it keeps failing, check your connection on the Connections page.",
  showConnections = true,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  title: string;
  message?: string;
  showConnections?: boolean;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <ErrorView
      titleAs="h1"
      title={title}
      large
      actions={
        <>
          <Button size="lg" onClick={reset}>
            Try again
          </Button>
          {showConnections ? (
            <a href="/connections" className={buttonClasses({ variant: "secondary", size: "lg" })}>
              Connections
            </a>
          ) : null}
        </>
      }
    >
      <p className="mt-1">{message}</p>
    </ErrorView>
  );
}
