import { Button } from "@/components/ui/button";
import { fieldClasses } from "@/components/ui/field";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import type { AuditFilter } from "@/lib/admin/list-audit";

const field = fieldClasses("md", "max-w-full");

export function AuditFilters({ filter }: { filter: AuditFilter }) {
  return (
    <form role="search" aria-label="Filter audit log" method="get" className="mb-4 flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Action
        <select name="action" defaultValue={filter.action ?? ""} className={field}>
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>{action}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        User email
        <input type="search" name="email" defaultValue={filter.email ?? ""} placeholder="Actor or target" maxLength={320} className={field} />
      </label>
      <Button type="submit">Apply filters</Button>
    </form>
  );
}
