import { buttonClasses } from "@/components/ui/button-styles";
import { Card, cardClasses } from "@/components/ui/card";
import { formatUtc } from "@/components/ui/format";
import type { AdminTenantRow } from "@/lib/admin/list-tenants";
import { TenantPolicySelect } from "./tenant-policy-select";

const CONSENT_TEXT = {
  allowed: "Users may consent",
  restricted: "Users can't consent (admin approval needed)",
  unknown: "Not known yet",
} as const;

/** The tenants table: grant state, user-consent policy and whether a consent re-prompt is safe. */
export function TenantsTable({ tenants }: { tenants: AdminTenantRow[] }) {
  if (tenants.length === 0) {
    return (
      <Card>
        <p className="text-sm">No organization has connected yet.</p>
      </Card>
    );
  }
  return (
    <div className={cardClasses("none", "overflow-x-auto")}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Microsoft organizations and their consent</caption>
        <thead className="border-b border-slate-200 text-xs text-slate-600 uppercase dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-2">
              Organization
            </th>
            <th scope="col" className="px-4 py-2">
              Connected users
            </th>
            <th scope="col" className="px-4 py-2">
              Organization-wide grant
            </th>
            <th scope="col" className="px-4 py-2">
              User consent
            </th>
            <th scope="col" className="px-4 py-2">
              Consent re-prompt
            </th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((tenant) => {
            const nameId = `tenant-${tenant.tenantId}`;
            return (
              <tr
                key={tenant.tenantId}
                className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
              >
                <th scope="row" id={nameId} className="px-4 py-3 font-medium">
                  {tenant.displayName ?? "Unnamed organization"}
                  <div className="font-mono text-xs font-normal text-slate-500">{tenant.tenantId}</div>
                </th>
                <td className="px-4 py-3">
                  {tenant.connectedUsers}
                  {tenant.connectedUsers ? (
                    <div className="text-xs text-slate-500">{tenant.withAdminScopes} with every permission</div>
                  ) : null}
                </td>
                <td className="px-4 py-3">
                  {tenant.consent.adminGrantedAt ? (
                    <p>
                      Granted{" "}
                      <time dateTime={tenant.consent.adminGrantedAt}>{formatUtc(tenant.consent.adminGrantedAt)}</time>
                      {tenant.consent.adminGrantedBy ? ` by ${tenant.consent.adminGrantedBy}` : " (shared link)"}
                    </p>
                  ) : (
                    <p>Not granted</p>
                  )}
                  <a
                    href={`/api/admin/tenants/${tenant.tenantId}/admin-consent`}
                    aria-describedby={nameId}
                    className={buttonClasses({ size: "sm", className: "mt-1" })}
                  >
                    {tenant.consent.adminGrantedAt
                      ? "Grant again for the whole organization"
                      : "Grant for the whole organization"}
                  </a>
                </td>
                <td className="px-4 py-3">
                  <p>
                    {CONSENT_TEXT[tenant.consent.userConsent]}
                    {tenant.consent.userConsentSource === "observed" ? " (seen from a user's connect)" : null}
                  </p>
                  <TenantPolicySelect
                    tenantId={tenant.tenantId}
                    value={tenant.consent.userConsent}
                    describedBy={nameId}
                  />
                </td>
                <td className="px-4 py-3">
                  {tenant.consentReprompt.safe ? (
                    "Safe"
                  ) : (
                    <span className="text-amber-800 dark:text-amber-300">{tenant.consentReprompt.message}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
