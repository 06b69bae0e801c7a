const STYLES = {
  connected: ["Connected", "bg-green-100 text-green-800 dark:bg-green-900 dark:text-green-100"],
  needs_reconnect: ["Needs reconnect", "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100"],
  revoked: ["Revoked", "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100"],
  not_connected: ["Not connected", "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"],
} as const;

export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  const [label, style] = STYLES[status];
  return <span className={`inline-flex rounded-full px-2.5 py-0.5 text-sm font-medium ${style}`}>{label}</span>;
}
