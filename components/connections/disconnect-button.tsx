"use client";

import { api } from "@/components/ui/api";
import { ConfirmAction } from "@/components/ui/confirm";

/** Disconnect with an explicit confirmation step; the server deletes the Nango connection first. */
export function DisconnectButton() {
  return (
    <ConfirmAction
      triggerLabel="Disconnect"
      label="Confirm disconnect"
      question="Disconnect Microsoft Teams? The app will lose access to your Teams data until you connect again."
      confirmLabel="Yes, disconnect"
      pendingLabel="Disconnecting…"
      cancelLabel="Cancel"
      action={() => api("/api/connections", { method: "DELETE" })}
    />
  );
}
