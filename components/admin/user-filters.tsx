import { FILTER_LABELS, USER_FILTERS } from "@/lib/admin/statuses";
import type { UserFilter } from "@/lib/admin/user-filter";

const field = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

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
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700">Apply filters</button>
    </form>
  );
}
