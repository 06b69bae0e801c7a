import { buttonClasses } from "@/components/ui/button-styles";
import { Card } from "@/components/ui/card";
import { formatUtc } from "@/components/ui/format";
import { Cell, RowHeader, Table } from "@/components/ui/table";
import type { AdminTenantRow } from "@/lib/admin/list-tenants";
import { TenantPolicySelect } from "./tenant-policy-select";

const CONSENT_TEXT = {
  allowed: "Users may consent",
  restricted: "Users can't consent (admin approval needed)",
  unknown: "Not known yet",
} as const;

const COLUMNS = ["Organization", "Connected users", "Organization-wide grant", "User consent", "Consent re-prompt"];

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
    <Table caption="Microsoft organizations and their consent" hideCaption columns={COLUMNS}>
      {tenants.map((tenant) => {
        const nameId = `tenant-${tenant.tenantId}`;
        return (
          <tr key={tenant.tenantId}>
            <RowHeader id={nameId} className="font-medium">
              {tenant.displayName ?? "Unnamed organization"}
              <div className="font-mono text-xs font-normal text-slate-500">{tenant.tenantId}</div>
            </RowHeader>
            <Cell>
              {tenant.connectedUsers}
              {tenant.connectedUsers ? (
                <div className="text-xs text-slate-500">{tenant.withAdminScopes} with every permission</div>
              ) : null}
            </Cell>
            <Cell>
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
            </Cell>
            <Cell>
              <p>
                {CONSENT_TEXT[tenant.consent.userConsent]}
                {tenant.consent.userConsentSource === "observed" ? " (seen from a user's connect)" : null}
              </p>
              <TenantPolicySelect tenantId={tenant.tenantId} value={tenant.consent.userConsent} describedBy={nameId} />
            </Cell>
            <Cell>
              {tenant.consentReprompt.safe ? (
                "Safe"
              ) : (
                <span className="text-amber-800 dark:text-amber-300">{tenant.consentReprompt.message}</span>
              )}
            </Cell>
          </tr>
        );
      })}
    </Table>
  );
}
