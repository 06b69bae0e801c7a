"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./send-json";

/** The tenant's user-consent setting as the admin reads it in Entra ID; saved on change. */
export function TenantPolicySelect({ tenantId, value, describedBy }: { tenantId: string; value: "unknown" | "allowed" | "restricted"; describedBy: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(userConsent: string) {
    setPending(true);
    setError(null);
    try {
      await sendJson(`/api/admin/tenants/${tenantId}/policy`, "PUT", { userConsent });
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }
  return (
    <>
      <label className="mt-1 flex flex-col gap-1 text-xs font-medium">
        <span>
          Set user consent <span className="sr-only">for the organization</span>
        </span>
        <select
          aria-describedby={describedBy}
          defaultValue={value}
          disabled={pending}
          onChange={(event) => void save(event.target.value)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        >
          <option value="unknown">Not known</option>
          <option value="allowed">Users may consent</option>
          <option value="restricted">Users can&apos;t consent</option>
        </select>
      </label>
      {error ? <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
    </>
  );
}
