import type { Metadata } from "next";
import Link from "next/link";
import { cache, Suspense } from "react";
import { ChatRow } from "@/components/chats/chat-row";
import { ConnectionGate } from "@/components/connections/connection-gate";
import { settle } from "@/components/ui/settle";
import { GraphErrorState } from "@/components/ui/graph-error-state";
import { LiveDashboard } from "@/components/dashboard/live-dashboard";
import { PresenceBadge } from "@/components/dashboard/presence-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Section } from "@/components/ui/card";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { TeamsList } from "@/components/dashboard/teams-list";
import { buttonClasses } from "@/components/ui/button-styles";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getRecentChats } from "@/lib/graph/chats";
import { getDashboardInOneTrip, RECENT_CHATS, type DashboardReads } from "@/lib/graph/dashboard";
import { getMyPresence } from "@/lib/graph/presence";
import { refreshAllowed } from "@/lib/http/page-refresh";
import { getChannelCounts, getJoinedTeamList } from "@/lib/graph/teams";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { searchParams: Promise<{ refresh?: string }> };

/**
 * The page's Graph reads, once per render. The page starts them before the connection
 * check (Next's preload pattern), so their round trips overlap its database queries; the
 * sections await the same promises. A returning user (their teams remembered) gets what
 * the cache lacks, channel counts included, from one `$batch`; the rest is read on its
 * own. Errors are settled into what the sections show; the catch only keeps a read nobody
 * awaits (no working connection) from being reported as unhandled.
 */
const dashboardReads = cache((userId: string, refresh: boolean) => {
  const oneTrip: Promise<DashboardReads> = getDashboardInOneTrip(userId, { refresh }).catch(() => ({}));
  const part = <T,>(pick: (reads: DashboardReads) => T | undefined, read: () => Promise<T>) =>
    settle(oneTrip.then((reads) => pick(reads) ?? read()));
  const reads = {
    presence: part(
      (r) => r.presence,
      () => getMyPresence(userId, { refresh }),
    ),
    teams: part(
      (r) => r.teams,
      () => getJoinedTeamList(userId, { refresh }),
    ),
    chats: part(
      (r) => r.chats,
      () => getRecentChats(userId, RECENT_CHATS, { refresh }),
    ),
  };
  for (const read of Object.values(reads)) read.catch(() => undefined);
  return { ...reads, counts: oneTrip.then((r) => r.counts) };
});

async function Presence({ userId, refresh }: { userId: string; refresh: boolean }) {
  const result = await dashboardReads(userId, refresh).presence;
  if (result.error) return <p className="text-sm text-slate-500">Presence unavailable ({result.error.message})</p>;
  return <PresenceBadge presence={result.data} />;
}

async function Teams({ userId, refresh }: { userId: string; refresh: boolean }) {
  const result = await dashboardReads(userId, refresh).teams;
  if (result.error) return <GraphErrorState error={result.error} title="Your teams could not be loaded" />;
  // Asked now (unless the one round trip brought them), shown by each card when it
  // arrives: the teams don't wait for their counts.
  const known = await dashboardReads(userId, refresh).counts;
  const counts = settle(known ? Promise.resolve(known) : getChannelCounts(userId, result.data, { refresh }));
  return <TeamsList teams={result.data} counts={counts} />;
}

async function RecentChats({ userId, refresh }: { userId: string; refresh: boolean }) {
  const result = await dashboardReads(userId, refresh).chats;
  if (result.error) return <GraphErrorState error={result.error} title="Your chats could not be loaded" />;
  if (result.data.length === 0) return <EmptyState>You have no chats yet.</EmptyState>;
  return (
    <ul aria-label="Recent chats" className="divide-y divide-slate-200 dark:divide-slate-800">
      {result.data.map((chat) => (
        <ChatRow key={chat.id} chat={chat} />
      ))}
    </ul>
  );
}

export default async function DashboardPage({ searchParams }: Props) {
  const user = await requireUser();
  const refresh = (await searchParams).refresh === "1" && (await refreshAllowed(user.id));
  dashboardReads(user.id, refresh);
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name.split(" ")[0]}`}
        description="Your Microsoft Teams at a glance: teams, channels and chats."
        actions={
          <Link href="/dashboard?refresh=1" prefetch={false} className={buttonClasses({ variant: "secondary" })}>
            Refresh
          </Link>
        }
      />
      <ConnectionGate userId={user.id}>
        <div className="space-y-6">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Suspense fallback={<p className="text-sm text-slate-500">Loading presence…</p>}>
              <Presence userId={user.id} refresh={refresh} />
            </Suspense>
            <LiveDashboard />
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            <Section id="teams-heading" title="Your teams">
              <Suspense fallback={<SectionSkeleton label="Loading teams" />}>
                <Teams userId={user.id} refresh={refresh} />
              </Suspense>
            </Section>
            <Section
              id="chats-heading"
              title="Recent chats"
              actions={
                <Link href="/chats" className={buttonClasses({ variant: "ghost" })}>
                  All chats
                </Link>
              }
            >
              <Suspense fallback={<SectionSkeleton label="Loading chats" />}>
                <RecentChats userId={user.id} refresh={refresh} />
              </Suspense>
            </Section>
          </div>
        </div>
      </ConnectionGate>
    </>
  );
}
