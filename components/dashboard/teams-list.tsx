import Link from "next/link";
import { Suspense } from "react";
import { Badge } from "@/components/ui/badge";
import { formatCount } from "@/components/ui/format";
import type { Settled } from "@/components/ui/settle";
import type { TeamSummary } from "@/lib/graph/types";
import { EmptyState } from "@/components/ui/empty-state";

type Counts = Promise<Settled<Record<string, number | null>>>;

/**
 * The teams as soon as their list is known; each card's channel count streams in when
 * the counts (a second Graph round trip) arrive.
 */
export function TeamsList({ teams, counts }: { teams: TeamSummary[]; counts: Counts }) {
  if (teams.length === 0) return <EmptyState>You are not in any team yet.</EmptyState>;
  return (
    <ul aria-label="Joined teams" className="grid gap-3 sm:grid-cols-2">
      {teams.map((team) => (
        <li key={team.id} className="min-w-0 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
          <div className="flex flex-wrap items-center gap-2">
            <Link
              href={`/teams/${encodeURIComponent(team.id)}`}
              className="min-w-0 font-semibold break-words text-brand-700 hover:underline dark:text-indigo-300"
            >
              {team.name}
            </Link>
            {team.isArchived ? <Badge>Archived</Badge> : null}
          </div>
          {team.description ? (
            <p className="mt-1 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">{team.description}</p>
          ) : null}
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
            <Suspense fallback="Counting channels…">
              <ChannelCount teamId={team.id} counts={counts} />
            </Suspense>
          </p>
        </li>
      ))}
    </ul>
  );
}

async function ChannelCount({ teamId, counts }: { teamId: string; counts: Counts }) {
  const count = (await counts).data?.[teamId];
  return count === null || count === undefined ? "Channel count unavailable" : formatCount(count, "channel");
}
