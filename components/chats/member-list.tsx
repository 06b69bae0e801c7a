import { Badge } from "@/components/ui/badge";
import type { ChatMember } from "@/lib/graph/types";

export function MemberList({ members }: { members: ChatMember[] }) {
  if (members.length === 0) return <p className="text-sm text-slate-500">No members listed.</p>;
  return (
    <ul aria-label="Chat members" className="space-y-2 text-sm">
      {members.map((member) => (
        <li key={member.id}>
          <span className="font-medium">{member.name}</span>
          {member.isOwner ? <Badge className="ml-2">Owner</Badge> : null}
          {member.email ? (
            <span className="block text-xs break-all text-slate-500 dark:text-slate-400">{member.email}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
