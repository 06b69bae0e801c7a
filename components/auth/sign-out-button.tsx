"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Signs out through next-auth's own endpoints, with the two requests `signOut()` from
 * `next-auth/react` makes: its CSRF token, then `POST /api/auth/signout`. Not that
 * module itself: with its runtime helpers it is 12 kB gz on every signed-in page, more
 * than all of the app's own code on /dashboard, for this one button (the app has no
 * SessionProvider, so there is no other tab's session state to tell).
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await fetch("/api/auth/signout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, callbackUrl: "/signin", json: "true" }),
      });
      const { url } = (await response.json()) as { url?: string };
      window.location.href = url ?? "/signin";
    } catch {
      // next-auth's own sign-out page asks once more and signs out without this script.
      // A full page load (not the router): it is an API route, and no client state survives.
      window.location.href = new URL("/api/auth/signout", window.location.origin).href;
    }
  }
  return (
    <Button variant="secondary" pending={pending} pendingLabel="Signing out…" onClick={() => void signOut()}>
      Sign out
    </Button>
  );
}
