import { Button } from "@/components/ui/button";
import { fieldClasses } from "@/components/ui/field";
import { FILTER_LABELS, USER_FILTERS } from "@/lib/admin/statuses";
import type { UserFilter } from "@/lib/admin/user-filter";

const field = fieldClasses("md", "max-w-full");

/** A plain GET form: filters live in the URL, so they survive reloads and can be shared. */
export function UserFilters({ filter }: { filter: UserFilter }) {
  return (
    <form role="search" aria-label="Filter users" method="get" className="mb-4 flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Status
        <select name="status" defaultValue={filter.status ?? ""} className={field}>
          <option value="">All users</option>
          {USER_FILTERS.map((status) => (
            <option key={status} value={status}>{FILTER_LABELS[status]}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Search users
        <input type="search" name="q" defaultValue={filter.q ?? ""} placeholder="Name or email" maxLength={200} className={field} />
      </label>
      <Button type="submit">Apply filters</Button>
    </form>
  );
}
