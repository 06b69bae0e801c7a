import { FILTER_LABELS, type ConnectionHealth } from "@/lib/admin/statuses";

const STYLES: Record<ConnectionHealth, string> = {
  connected: "bg-green-100 text-green-800 dark:bg-green-900 dark:text-green-100",
  missing_scopes: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  needs_reconnect: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  revoked: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  not_connected: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

export function HealthBadge({ health }: { health: ConnectionHealth }) {
  return <span className={`inline-flex rounded-full px-2.5 py-0.5 text-sm font-medium whitespace-nowrap ${STYLES[health]}`}>{FILTER_LABELS[health]}</span>;
}
