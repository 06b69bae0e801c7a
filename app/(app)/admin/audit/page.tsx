import type { Metadata } from "next";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { Pagination } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditLog, parseAuditFilter } from "@/lib/admin/list-audit";
import { parsePage } from "@/lib/admin/reprompt-input";
import { requireAdminPage } from "@/lib/admin/require-admin-page";

export const metadata: Metadata = { title: "Admin · Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdminPage();
  const params = await searchParams;
  const filter = parseAuditFilter(params);
  const log = await listAuditLog(filter, parsePage(params.page));
  const first = (log.page - 1) * log.pageSize + 1;
  const caption =
    log.total === 0
      ? "No audit entries match these filters."
      : `Entries ${first}–${first + log.rows.length - 1} of ${log.total}, newest first`;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Re-prompts, disconnects, connections and setting changes: who did what to whom, and when."
      />
      <AuditFilters filter={filter} />
      <AuditTable rows={log.rows} caption={caption} />
      <Pagination
        page={log.page}
        pageCount={log.pageCount}
        params={{ action: filter.action, email: filter.email }}
        label="Audit log pages"
      />
    </>
  );
}
