import type { Metadata } from "next";
import { AllowedTenantsForm } from "@/components/admin/allowed-tenants-form";
import { formatUtc } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditLog } from "@/lib/admin/list-audit";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { env } from "@/lib/env";
import { getAllowedTenants } from "@/lib/settings/allowed-tenants";

export const metadata: Metadata = { title: "Admin · Allowed tenants" };

export default async function AdminSettingsPage() {
  await requireAdminPage();
  const [tenants, changes] = await Promise.all([
    getAllowedTenants(),
    listAuditLog({ action: "settings.allowed_tenants_changed" }),
  ]);
  const last = changes.rows[0];
  return (
    <>
      <PageHeader
        title="Allowed tenants"
        description="Which Microsoft organizations' accounts may connect to this app."
      />
      <div className="mb-4 space-y-2 text-sm text-slate-700 dark:text-slate-300">
        <p>
          A user whose Microsoft account belongs to another tenant is refused when connecting: the connection is deleted
          in Nango, nothing is stored, the user is told why and the audit log records it.{" "}
          <strong>An empty list allows any tenant.</strong> Existing connections are not removed when the list changes;
          disconnect them from the Users page.
        </p>
        <p>
          Default from the <code className="font-mono">ALLOWED_TENANTS</code> environment variable (used until an admin
          saves a list):{" "}
          {env.ALLOWED_TENANTS.length ? (
            <span className="font-mono text-xs">{env.ALLOWED_TENANTS.join(", ")}</span>
          ) : (
            <em>empty (any tenant)</em>
          )}
        </p>
        {last ? (
          <p>
            Last changed by {last.actorEmail ?? "the system"} at <time dateTime={last.at}>{formatUtc(last.at)}</time>.
          </p>
        ) : null}
      </div>
      <AllowedTenantsForm tenants={tenants} />
    </>
  );
}
