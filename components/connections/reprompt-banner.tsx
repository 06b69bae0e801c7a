import { ConnectButton, type ConnectUiConfig } from "./connect-button";

/** Shown while an admin requires this user to re-approve access or sign in again. */
export function RepromptBanner({
  prompt,
  reason,
  blocked = false,
  config,
}: {
  prompt: "consent" | "login";
  reason: string;
  blocked?: boolean;
  config: ConnectUiConfig;
}) {
  const title =
    prompt === "consent"
      ? "Your administrator asks you to approve access again"
      : "Your administrator asks you to sign in to Microsoft again";
  if (blocked) {
    // The consent prompt could not be completed (the tenant needs an admin's approval): it is not forced again.
    return (
      <section
        aria-label="Action required"
        className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950"
      >
        <h2 className="font-semibold">{title}</h2>
        <p className="mt-1 text-sm">
          Microsoft asked for an administrator&apos;s approval, so we won&apos;t ask you to approve again. Your
          administrator has been told; you can reconnect normally in the meantime.
        </p>
        <div className="mt-3">
          <ConnectButton config={config} label="Reconnect" />
        </div>
      </section>
    );
  }
  return (
    <section
      aria-label="Action required"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950"
    >
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm">{reason}</p>
      <div className="mt-3">
        <ConnectButton config={config} label={prompt === "consent" ? "Review and approve access" : "Sign in again"} />
      </div>
    </section>
  );
}
