import type { CurrentUser } from "@/lib/auth/session";
import { adminConsentUrl } from "@/lib/tenants/admin-consent-url";

/**
 * In place of a feature whose permission needs an administrator: says so, and gives
 * the user a link to send their Microsoft admin (Microsoft's admin-consent page for this
 * app, which grants it for the whole organization). Never an error page.
 */
export async function AdminApprovalNotice({
  what,
  user,
  tenantId,
}: {
  what: string;
  user: CurrentUser;
  tenantId: string | null;
}) {
  const link = await adminConsentUrl({ tenant: tenantId, by: { id: user.id, email: user.email, admin: false } }).catch(
    () => null,
  );
  return (
    <div
      role="note"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      <p className="font-medium">{what} need your administrator&apos;s approval.</p>
      <p className="mt-1">
        Your Microsoft organization lets only an administrator approve this permission. Send your administrator the link
        below: once they approve the app for the organization, reconnect and {what.toLowerCase()} appear here.
      </p>
      {link ? (
        <label className="mt-2 flex flex-col gap-1 font-medium">
          Approval link for your administrator
          <input
            readOnly
            value={link}
            className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
      ) : (
        <p className="mt-2">
          Ask your administrator to approve the app for your organization in the Microsoft Entra admin center.
        </p>
      )}
    </div>
  );
}
