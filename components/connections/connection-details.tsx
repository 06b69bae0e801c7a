import { Badge } from "@/components/ui/badge";
import { formatWhen } from "@/components/ui/format";
import type { ConnectionView } from "@/lib/connections/view";
import { StatusBadge } from "./status-badge";

export function ConnectionDetails({ connection }: { connection: ConnectionView }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium text-slate-600 dark:text-slate-400">Status</dt>
      <dd>
        <StatusBadge status={connection.status} />
      </dd>
      <dt className="font-medium text-slate-600 dark:text-slate-400">Microsoft account</dt>
      <dd className="break-words">
        {connection.accountName ? `${connection.accountName} · ` : ""}
        {connection.accountEmail ?? "Unknown"}
      </dd>
      <dt className="font-medium text-slate-600 dark:text-slate-400">Tenant</dt>
      <dd className="font-mono text-sm break-all">{connection.tenantId ?? "Unknown"}</dd>
      <dt className="font-medium text-slate-600 dark:text-slate-400">Connected since</dt>
      <dd>
        <time dateTime={connection.connectedAt}>{formatWhen(connection.connectedAt)}</time>
      </dd>
      <dt className="font-medium text-slate-600 dark:text-slate-400">Permissions granted</dt>
      <dd>
        <ul aria-label="Granted permissions" className="flex flex-wrap gap-1.5">
          {connection.grantedScopes.map((scope) => (
            <li key={scope}>
              <Badge className="font-mono">{scope}</Badge>
            </li>
          ))}
        </ul>
        {connection.missingScopes.length > 0 ? (
          <p className="mt-2 text-sm text-amber-800 dark:text-amber-300">
            Missing: {connection.missingScopes.join(", ")}. Reconnect and approve them to use every part of the
            dashboard.
          </p>
        ) : null}
      </dd>
      <dt className="font-medium text-slate-600 dark:text-slate-400">Sending messages</dt>
      <dd data-testid="write-permission">
        {connection.missingWriteScopes.length === 0
          ? "Allowed"
          : `Not allowed yet (${connection.missingWriteScopes.join(", ")}): Microsoft asks you the first time you send, react or mention someone.`}
      </dd>
    </dl>
  );
}
