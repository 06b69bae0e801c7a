import { cardClasses } from "@/components/ui/card";
import type { AuditRow } from "@/lib/admin/list-audit";
import { formatUtc } from "@/components/ui/format";

const cell = "px-3 py-2 align-top";

/** The audit log: who did what to whom and when. A missing actor is the system (webhooks). */
export function AuditTable({ rows, caption }: { rows: AuditRow[]; caption: string }) {
  return (
    <div className={cardClasses("none", "overflow-x-auto")}>
      <table className="w-full min-w-[48rem] text-left text-sm">
        <caption className="px-3 py-2 text-left text-sm text-slate-600 dark:text-slate-400">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400">
          <tr>
            <th scope="col" className={cell}>
              Time
            </th>
            <th scope="col" className={cell}>
              Actor
            </th>
            <th scope="col" className={cell}>
              Action
            </th>
            <th scope="col" className={cell}>
              Target
            </th>
            <th scope="col" className={cell}>
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className={`${cell} whitespace-nowrap`}>
                <time dateTime={row.at}>{formatUtc(row.at)}</time>
              </td>
              <td className={cell}>
                {row.actorEmail ?? <span className="text-slate-500 dark:text-slate-400">System</span>}
              </td>
              <th scope="row" className={`${cell} font-mono text-xs font-normal`}>
                {row.action}
              </th>
              <td className={cell}>{row.targetEmail ?? "—"}</td>
              <td className={cell}>
                {row.details == null ? (
                  "—"
                ) : (
                  <code className="block max-w-md text-xs break-all whitespace-pre-wrap">
                    {JSON.stringify(row.details)}
                  </code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
