import type { ConnectionView } from "@/lib/connections/view";
import { ConnectButton, type ConnectUiConfig } from "./connect-button";
import { storedErrorMessage } from "./connect-errors";

/** Shown when Microsoft stopped accepting the connection (a failed token refresh). */
export function ReconnectBanner({ connection, config }: { connection: ConnectionView; config: ConnectUiConfig }) {
  return (
    <section
      aria-label="Connection problem"
      className="mb-6 rounded-lg border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950"
    >
      <h2 className="font-semibold">Reconnect Microsoft Teams</h2>
      <p className="mt-1 text-sm">{storedErrorMessage(connection.lastError?.code ?? "refresh_failed")}</p>
      <div className="mt-3">
        <ConnectButton config={config} label="Reconnect" />
      </div>
    </section>
  );
}
