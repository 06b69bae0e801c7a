import type { Metadata } from "next";
import Link from "next/link";
import { ConnectionGate } from "@/components/connections/connection-gate";
import { settle } from "@/components/ui/settle";
import { GraphErrorState } from "@/components/ui/graph-error-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Section } from "@/components/ui/card";
import { ChannelList } from "@/components/teams/channel-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { pageId } from "@/lib/http/page-ids";
import { getTeamWithChannels } from "@/lib/graph/teams";

export const metadata: Metadata = { title: "Team" };

async function TeamBody({ userId, teamId }: { userId: string; teamId: string }) {
  const result = await settle(getTeamWithChannels(userId, teamId));
  if (result.error) {
    return (
      <>
        <PageHeader title="Team" />
        <GraphErrorState error={result.error} title="This team could not be loaded" />
      </>
    );
  }
  const { team, channels } = result.data;
  return (
    <>
      <PageHeader title={team.name} description={team.description ?? undefined} />
      {team.isArchived ? (
        <p className="mb-4 text-sm font-medium text-slate-600">This team is archived: it is read-only.</p>
      ) : null}
      <Section id="channels-heading" title="Channels">
        {channels.length === 0 ? (
          <EmptyState>No channels you can see in this team.</EmptyState>
        ) : (
          <ChannelList teamId={team.id} channels={channels} />
        )}
      </Section>
    </>
  );
}

export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const user = await requireUser();
  const teamId = pageId((await params).teamId);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/dashboard" className="text-brand-700 hover:underline dark:text-indigo-300">
          Dashboard
        </Link>
      </nav>
      <ConnectionGate userId={user.id}>
        <TeamBody userId={user.id} teamId={teamId} />
      </ConnectionGate>
    </>
  );
}
