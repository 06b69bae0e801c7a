"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { fieldClasses } from "@/components/ui/field";
import { InlineError } from "@/components/ui/form-message";

/** The tenant's user-consent setting as the admin reads it in Entra ID; saved on change. */
export function TenantPolicySelect({
  tenantId,
  value,
  describedBy,
}: {
  tenantId: string;
  value: "unknown" | "allowed" | "restricted";
  describedBy: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(userConsent: string) {
    setPending(true);
    setError(null);
    try {
      await api(`/api/admin/tenants/${tenantId}/policy`, { method: "PUT", body: { userConsent } });
      router.refresh();
    } catch (failure) {
      setError(errorMessage(failure));
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
          className={fieldClasses()}
        >
          <option value="unknown">Not known</option>
          <option value="allowed">Users may consent</option>
          <option value="restricted">Users can&apos;t consent</option>
        </select>
      </label>
      {error ? <InlineError className="mt-1">{error}</InlineError> : null}
    </>
  );
}
