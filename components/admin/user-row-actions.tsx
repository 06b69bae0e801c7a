"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm";
import { InlineError } from "@/components/ui/form-message";
import { useAction } from "@/components/ui/use-action";

/** "Cancel request" for a pending re-prompt; described by the user's name cell for screen readers. */
export function CancelRepromptButton({ userId, describedBy }: { userId: string; describedBy: string }) {
  const router = useRouter();
  const { pending, error, run } = useAction(() => api(`/api/admin/users/${userId}/reprompt`, { method: "DELETE" }));
  async function cancel() {
    if (await run()) router.refresh();
  }
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        className="mt-1"
        aria-describedby={describedBy}
        onClick={() => void cancel()}
        pending={pending}
        pendingLabel="Cancelling…"
      >
        Cancel request
      </Button>
      {error ? <InlineError className="mt-1">{error}</InlineError> : null}
    </>
  );
}

/** "Disconnect" with an explicit confirmation; the server deletes the Nango connection first. */
export function DisconnectUserButton({
  userId,
  userName,
  describedBy,
}: {
  userId: string;
  userName: string;
  describedBy: string;
}) {
  return (
    <ConfirmAction
      compact
      triggerLabel="Disconnect"
      describedBy={describedBy}
      label={`Confirm disconnecting ${userName}`}
      question={`Disconnect ${userName}? The app loses access to their Teams data until they connect again.`}
      confirmLabel="Yes, disconnect"
      pendingLabel="Disconnecting…"
      cancelLabel="Keep connection"
      action={() => api(`/api/admin/users/${userId}/connection`, { method: "DELETE" })}
    />
  );
}
