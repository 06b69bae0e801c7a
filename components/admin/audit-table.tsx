import { formatUtc } from "@/components/ui/format";
import { Cell, RowHeader, Table } from "@/components/ui/table";
import type { AuditRow } from "@/lib/admin/list-audit";

const COLUMNS = ["Time", "Actor", "Action", "Target", "Details"];

/** The audit log: who did what to whom and when. A missing actor is the system (webhooks). */
export function AuditTable({ rows, caption }: { rows: AuditRow[]; caption: string }) {
  return (
    <Table caption={caption} columns={COLUMNS} minWidth="min-w-[48rem]">
      {rows.map((row) => (
        <tr key={row.id}>
          <Cell className="whitespace-nowrap">
            <time dateTime={row.at}>{formatUtc(row.at)}</time>
          </Cell>
          <Cell>{row.actorEmail ?? <span className="text-slate-500 dark:text-slate-400">System</span>}</Cell>
          <RowHeader className="font-mono text-xs font-normal">{row.action}</RowHeader>
          <Cell>{row.targetEmail ?? "—"}</Cell>
          <Cell>
            {row.details == null ? (
              "—"
            ) : (
              <code className="block max-w-md text-xs break-all whitespace-pre-wrap">
                {JSON.stringify(row.details)}
              </code>
            )}
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
