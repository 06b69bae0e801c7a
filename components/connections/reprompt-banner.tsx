import { ConnectButton, type ConnectUiConfig } from "./connect-button";

/** Shown while an admin requires this user to re-approve access or sign in again. */
export function RepromptBanner({ prompt, reason, config }: { prompt: "consent" | "login"; reason: string; config: ConnectUiConfig }) {
  const title = prompt === "consent" ? "Your administrator asks you to approve access again" : "Your administrator asks you to sign in to Microsoft again";
  return (
    <section aria-label="Action required" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm">{reason}</p>
      <div className="mt-3">
        <ConnectButton config={config} label={prompt === "consent" ? "Review and approve access" : "Sign in again"} />
      </div>
    </section>
  );
}
