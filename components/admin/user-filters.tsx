import { FilterForm, SearchFilter, SelectFilter } from "@/components/ui/filter-form";
import { FILTER_LABELS, USER_FILTERS } from "@/lib/admin/statuses";
import type { UserFilter } from "@/lib/admin/user-filter";

export function UserFilters({ filter }: { filter: UserFilter }) {
  return (
    <FilterForm label="Filter users">
      <SelectFilter
        label="Status"
        name="status"
        value={filter.status}
        allLabel="All users"
        options={USER_FILTERS.map((status) => [status, FILTER_LABELS[status]] as const)}
      />
      <SearchFilter label="Search users" name="q" value={filter.q} placeholder="Name or email" maxLength={200} />
    </FilterForm>
  );
}
