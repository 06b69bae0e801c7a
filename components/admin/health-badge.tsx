import { Badge, type BadgeTone } from "@/components/ui/badge";
import { FILTER_LABELS, type ConnectionHealth } from "@/lib/admin/statuses";

const TONES: Record<ConnectionHealth, BadgeTone> = {
  connected: "success",
  missing_scopes: "warning",
  needs_reconnect: "warning",
  revoked: "danger",
  not_connected: "neutral",
};

export function HealthBadge({ health }: { health: ConnectionHealth }) {
  return (
    <Badge size="md" tone={TONES[health]}>
      {FILTER_LABELS[health]}
    </Badge>
  );
}
