import { ConnectButton } from "@/components/connections/connect-button";
import { ReconnectBanner } from "@/components/connections/reconnect-banner";
import { connectUiConfig } from "@/lib/connections/connect-ui-config";
import { findUserConnection } from "@/lib/connections/get-connection";
import { toConnectionView } from "@/lib/connections/view";
import { Section } from "./section";

/**
 * Renders its children only for a working connection; otherwise the way forward:
 * a Connect button when there is no connection, the reconnect banner when Microsoft
 * stopped accepting it.
 */
export async function ConnectionGate({ userId, children }: { userId: string; children: React.ReactNode }) {
  const row = await findUserConnection(userId);
  const config = connectUiConfig();
  if (!row || row.status === "revoked") {
    return (
      <Section id="connect-teams" title="Connect Microsoft Teams">
        <p className="mb-4 text-slate-700 dark:text-slate-300">
          Your teams, channels and chats appear here once you connect your Microsoft Teams account.
        </p>
        <ConnectButton config={config} label="Connect Microsoft Teams" />
      </Section>
    );
  }
  if (row.status === "needs_reconnect") return <ReconnectBanner connection={toConnectionView(row)} config={config} />;
  return <>{children}</>;
}
