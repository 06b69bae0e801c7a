import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AdminApprovalNotice } from "@/components/connections/admin-approval-notice";
import { ConnectionGate } from "@/components/connections/connection-gate";
import { WriteAccessProvider } from "@/components/connections/write-access";
import { ChannelConversation } from "@/components/teams/channel-conversation";
import { settle } from "@/components/ui/settle";
import { GraphErrorState } from "@/components/ui/graph-error-state";
import { Section } from "@/components/ui/card";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { connectUiConfig } from "@/lib/connections/connect-ui-config";
import { featureAccess } from "@/lib/connections/feature-access";
import { getChannelMessages } from "@/lib/graph/messages";
import { pageId } from "@/lib/http/page-ids";
import { getChannel } from "@/lib/graph/teams";

export const metadata: Metadata = { title: "Channel" };

type Ids = { userId: string; teamId: string; channelId: string };

async function ChannelHeader({ userId, teamId, channelId }: Ids) {
  const { data: channel } = await settle(getChannel(userId, teamId, channelId));
  return <PageHeader title={channel?.name ?? "Channel"} description={channel?.description ?? undefined} />;
}

async function Messages({ user, userId, teamId, channelId }: Ids & { user: CurrentUser }) {
  const access = await featureAccess(userId, "channelMessages");
  if (!access.allowed) return <AdminApprovalNotice what="Channel messages" user={user} tenantId={access.tenantId} />;
  const result = await settle(getChannelMessages(userId, teamId, channelId));
  if (result.error) return <GraphErrorState error={result.error} title="Messages could not be loaded" />;
  return (
    <WriteAccessProvider config={connectUiConfig()}>
      <ChannelConversation teamId={teamId} channelId={channelId} initial={result.data} />
    </WriteAccessProvider>
  );
}

export default async function ChannelPage({ params }: { params: Promise<{ teamId: string; channelId: string }> }) {
  const user = await requireUser();
  const raw = await params;
  const ids = { userId: user.id, teamId: pageId(raw.teamId), channelId: pageId(raw.channelId) };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex gap-2 text-sm">
        <Link href="/dashboard" className="text-brand-700 hover:underline dark:text-indigo-300">
          Dashboard
        </Link>
        <span aria-hidden>/</span>
        <Link
          href={`/teams/${encodeURIComponent(ids.teamId)}`}
          className="text-brand-700 hover:underline dark:text-indigo-300"
        >
          Team
        </Link>
      </nav>
      <ConnectionGate userId={user.id}>
        <Suspense fallback={<PageHeader title="Channel" />}>
          <ChannelHeader {...ids} />
        </Suspense>
        <Section id="messages-heading" title="Messages">
          <Suspense fallback={<SectionSkeleton label="Loading messages" />}>
            <Messages {...ids} user={user} />
          </Suspense>
        </Section>
      </ConnectionGate>
    </>
  );
}
