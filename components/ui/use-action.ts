"use client";

import { useState } from "react";
import { errorMessage } from "./api";

/**
 * State for one button's server call: `pending` while it runs, `error` (plain words)
 * when it failed. `run` resolves to true when the action succeeded.
 */
export function useAction(action: () => Promise<unknown>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    } finally {
      setPending(false);
    }
  }
  return { pending, error, run };
}
