import type { Metadata } from "next";
import { TenantsTable } from "@/components/admin/tenants-table";
import { PageHeader } from "@/components/ui/page-header";
import { listTenants } from "@/lib/admin/list-tenants";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { env } from "@/lib/env";
import { isAdminOnlyScope } from "@/lib/scopes";

export const metadata: Metadata = { title: "Admin · Organizations & consent" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const OUTCOMES: Record<string, { ok: boolean; text: string }> = {
  granted: {
    ok: true,
    text: "Access is now granted for the whole organization. Its users can connect without approving anything themselves.",
  },
  declined: { ok: false, text: "The organization-wide approval was cancelled at Microsoft. Nothing changed." },
  wrong_tenant: {
    ok: false,
    text: "Microsoft granted access for another organization than the one you chose. Sign in at Microsoft as an admin of that organization.",
  },
  invalid_state: { ok: false, text: "That approval link was invalid or has expired. Start again here." },
  error: {
    ok: false,
    text: "Microsoft did not grant the approval. Check the audit log for its reason, then try again.",
  },
};

export default async function AdminTenantsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const [tenants, params] = await Promise.all([listTenants(), searchParams]);
  const outcome = typeof params.consent === "string" ? OUTCOMES[params.consent] : undefined;
  const adminOnly = env.requiredScopes.filter(isAdminOnlyScope);
  return (
    <>
      <PageHeader
        title="Organizations & consent"
        description="Each Microsoft organization your users connect from: whether the app is granted for everyone, and whether its users may consent themselves."
      />
      {outcome ? (
        <p
          role={outcome.ok ? "status" : "alert"}
          className={`mb-4 rounded-md border p-3 text-sm ${outcome.ok ? "border-green-300 bg-green-50 dark:border-green-800 dark:bg-green-950" : "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950"}`}
        >
          {outcome.text}
        </p>
      ) : null}
      <div className="mb-4 space-y-2 text-sm text-slate-700 dark:text-slate-300">
        <p>
          {adminOnly.length ? (
            <>
              The app asks for <span className="font-mono text-xs">{adminOnly.join(", ")}</span>, which only an
              administrator can approve. Until an organization grants the app, its users connect without it (channel
              messages stay hidden) or meet Microsoft&apos;s &ldquo;Need admin approval&rdquo; page.
            </>
          ) : (
            "Every permission the app asks for can be approved by users themselves, unless their organization restricts user consent."
          )}
        </p>
        <p>
          <strong>Grant for the whole organization</strong> opens Microsoft&apos;s admin-consent page: sign in there as
          an administrator of that organization and accept. A consent re-prompt is offered only where users can complete
          it.
        </p>
        <p>
          <a
            className="dark:text-brand-300 text-brand-700 underline"
            href="/api/admin/tenants/organizations/admin-consent"
          >
            Grant for my own organization
          </a>{" "}
          (the one you sign in to at Microsoft).
        </p>
      </div>
      <TenantsTable tenants={tenants} />
    </>
  );
}
