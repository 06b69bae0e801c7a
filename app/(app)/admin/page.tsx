import type { Metadata } from "next";
import { Pagination } from "@/components/ui/pagination";
import { UserFilters } from "@/components/admin/user-filters";
import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { listUsers } from "@/lib/admin/list-users";
import { parsePage } from "@/lib/admin/reprompt-input";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { parseUserFilter } from "@/lib/admin/user-filter";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Admin · Users & connections" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const params = await searchParams;
  const filter = parseUserFilter(params);
  const page = await listUsers(filter, parsePage(params.page));
  return (
    <>
      <PageHeader
        title="Users & connections"
        description="Who is connected to Microsoft Teams, whose access is broken, and who must approve access again."
      />
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Required scopes: <span className="font-mono text-xs">{env.requiredScopes.join(" ")}</span>
      </p>
      <UserFilters filter={filter} />
      <UsersTable
        key={`${filter.status ?? ""}|${filter.q ?? ""}|${page.page}`}
        page={page}
        filter={filter}
        requiredScopes={env.requiredScopes}
      />
      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        params={{ status: filter.status, q: filter.q }}
        label="Users pages"
      />
    </>
  );
}
