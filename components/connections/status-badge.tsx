import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUSES = {
  connected: ["Connected", "success"],
  needs_reconnect: ["Needs reconnect", "warning"],
  revoked: ["Revoked", "danger"],
  not_connected: ["Not connected", "neutral"],
} as const satisfies Record<string, readonly [string, BadgeTone]>;

export function StatusBadge({ status }: { status: keyof typeof STATUSES }) {
  const [label, tone] = STATUSES[status];
  return (
    <Badge size="md" tone={tone}>
      {label}
    </Badge>
  );
}
