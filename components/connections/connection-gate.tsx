import { ConnectButton } from "@/components/connections/connect-button";
import { ReconnectBanner } from "@/components/connections/reconnect-banner";
import { RepromptBanner } from "@/components/connections/reprompt-banner";
import { findPendingReprompt } from "@/lib/connections/pending-reprompt";
import { connectUiConfig, offersBasicConnect } from "@/lib/connections/connect-ui-config";
import { findUserConnectionForRequest } from "@/lib/dal/connections/find-user-connection";
import { toConnectionView } from "@/lib/connections/view";
import { Section } from "@/components/ui/card";

/**
 * Renders its children only for a working connection; otherwise the way forward:
 * a Connect button when there is no connection, the reconnect banner when Microsoft
 * stopped accepting it.
 */
export async function ConnectionGate({ userId, children }: { userId: string; children: React.ReactNode }) {
  const [row, reprompt] = await Promise.all([findUserConnectionForRequest(userId), findPendingReprompt(userId)]);
  const config = connectUiConfig();
  if (!row || row.status === "revoked") {
    return (
      <Section id="connect-teams" title="Connect Microsoft Teams">
        <p className="mb-4 text-slate-700 dark:text-slate-300">
          Your teams, channels and chats appear here once you connect your Microsoft Teams account.
        </p>
        <ConnectButton config={config} label="Connect Microsoft Teams" basicFallback={offersBasicConnect()} />
      </Section>
    );
  }
  if (reprompt) {
    // An admin asked for consent or a fresh sign-in: say so on the dashboard too, where users land.
    return (
      <>
        <RepromptBanner
          prompt={reprompt.prompt}
          reason={reprompt.reason}
          blocked={!!reprompt.blockedAt}
          config={config}
        />
        {row.status === "connected" ? children : null}
      </>
    );
  }
  if (row.status === "needs_reconnect") return <ReconnectBanner connection={toConnectionView(row)} config={config} />;
  return <>{children}</>;
}
