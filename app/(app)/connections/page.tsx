import type { Metadata } from "next";
import { AdminApprovalNotice } from "@/components/connections/admin-approval-notice";
import { ConnectButton } from "@/components/connections/connect-button";
import { ConnectionDetails } from "@/components/connections/connection-details";
import { DisconnectButton } from "@/components/connections/disconnect-button";
import { ReconnectBanner } from "@/components/connections/reconnect-banner";
import { RepromptBanner } from "@/components/connections/reprompt-banner";
import { StatusBadge } from "@/components/connections/status-badge";
import { Section } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { connectUiConfig, offersBasicConnect } from "@/lib/connections/connect-ui-config";
import { findUserConnection } from "@/lib/dal/connections/find-user-connection";
import { findPendingReprompt } from "@/lib/connections/pending-reprompt";
import { toConnectionView } from "@/lib/connections/view";
import { isAdminOnlyScope } from "@/lib/scopes";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const user = await requireUser();
  const [row, reprompt] = await Promise.all([findUserConnection(user.id), findPendingReprompt(user.id)]);
  const connection = row ? toConnectionView(row) : null;
  const config = connectUiConfig();
  return (
    <>
      <PageHeader title="Connections" description="Your Microsoft Teams connection: status, account and permissions." />
      {reprompt ? (
        <RepromptBanner
          prompt={reprompt.prompt}
          reason={reprompt.reason}
          blocked={!!reprompt.blockedAt}
          config={config}
        />
      ) : null}
      {connection?.status === "needs_reconnect" && !reprompt ? (
        <ReconnectBanner connection={connection} config={config} />
      ) : null}
      <Section id="teams-connection" title="Microsoft Teams">
        {connection ? (
          <>
            <ConnectionDetails connection={connection} />
            {connection.status === "connected" && connection.missingScopes.some(isAdminOnlyScope) ? (
              <div className="mt-4">
                <AdminApprovalNotice what="Channel messages" user={user} tenantId={connection.tenantId} />
              </div>
            ) : null}
            <div className="mt-6 flex flex-wrap items-start gap-3">
              <ConnectButton config={config} label="Reconnect" variant="secondary" />
              <ConnectButton config={config} label="Switch account" intent="switch_account" variant="secondary" />
              {connection.status === "connected" && connection.missingWriteScopes.length > 0 ? (
                // Optional: the first send asks anyway; this grants it ahead of time.
                <ConnectButton config={config} label="Allow sending messages" intent="write" variant="secondary" />
              ) : null}
              <DisconnectButton />
            </div>
          </>
        ) : (
          <>
            <p className="mb-4 flex flex-wrap items-center gap-2">
              <StatusBadge status="not_connected" />
              <span>Connect your Microsoft Teams account to see your teams, channels and chats.</span>
            </p>
            <ConnectButton config={config} label="Connect Microsoft Teams" basicFallback={offersBasicConnect()} />
          </>
        )}
      </Section>
    </>
  );
}
