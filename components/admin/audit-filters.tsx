import { FilterForm, SearchFilter, SelectFilter } from "@/components/ui/filter-form";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import type { AuditFilter } from "@/lib/admin/list-audit";

export function AuditFilters({ filter }: { filter: AuditFilter }) {
  return (
    <FilterForm label="Filter audit log">
      <SelectFilter
        label="Action"
        name="action"
        value={filter.action}
        allLabel="All actions"
        options={AUDIT_ACTIONS.map((action) => [action, action] as const)}
      />
      <SearchFilter
        label="User email"
        name="email"
        value={filter.email}
        placeholder="Actor or target"
        maxLength={320}
      />
    </FilterForm>
  );
}
