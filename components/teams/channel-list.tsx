import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { ChannelSummary } from "@/lib/graph/types";

export function ChannelList({ teamId, channels }: { teamId: string; channels: ChannelSummary[] }) {
  return (
    <ul aria-label="Channels" className="divide-y divide-slate-200 dark:divide-slate-800">
      {channels.map((channel) => (
        <li key={channel.id} className="py-3">
          <div className="flex flex-wrap items-center gap-2">
            <Link
              href={`/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channel.id)}`}
              className="font-medium text-brand-700 hover:underline dark:text-indigo-300"
            >
              {channel.name}
            </Link>
            {channel.membershipType === "private" || channel.membershipType === "shared" ? (
              <Badge className="capitalize">{channel.membershipType}</Badge>
            ) : null}
          </div>
          {channel.description ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{channel.description}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
