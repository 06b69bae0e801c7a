"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/ui/api";
import { Button } from "@/components/ui/button";
import { cardClasses } from "@/components/ui/card";
import { fieldClasses } from "@/components/ui/field";
import { formatCount } from "@/components/ui/format";
import { FormMessage, type FormResult } from "@/components/ui/form-message";
import { parseTenantEntries } from "@/lib/admin/tenant-entries";

/** Edits the allowed tenants: ids or verified domains, one per line; empty = any tenant. */
export function AllowedTenantsForm({ tenants }: { tenants: string[] }) {
  const router = useRouter();
  const [text, setText] = useState(tenants.join("\n"));
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<FormResult>(null);
  const { invalid } = parseTenantEntries(text);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (invalid.length) return;
    setPending(true);
    setMessage(null);
    try {
      const entries = text.split(/[\s,;]+/).filter(Boolean);
      const result = await api<{ tenants: string[]; resolved: Record<string, string> }>(
        "/api/admin/settings/allowed-tenants",
        {
          method: "PUT",
          body: { tenants: entries },
        },
      );
      const domains = Object.entries(result.resolved).map(([domain, id]) => `${domain} → ${id}`);
      setText(result.tenants.join("\n"));
      setMessage({
        kind: "ok",
        text: result.tenants.length
          ? `Saved ${formatCount(result.tenants.length, "allowed tenant")}.${domains.length ? ` Domains saved as tenant ids: ${domains.join(", ")}.` : ""}`
          : "Saved: accounts from any tenant may connect.",
      });
      router.refresh();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e) });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} className={cardClasses("md")}>
      <label htmlFor="allowed-tenants" className="font-medium">
        Allowed tenants
      </label>
      <p id="allowed-tenants-help" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        One Microsoft tenant id (a GUID) or verified domain (contoso.com) per line. Domains are looked up and saved as
        tenant ids. Leave empty to allow any tenant.
      </p>
      <textarea
        id="allowed-tenants"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={6}
        aria-describedby="allowed-tenants-help allowed-tenants-invalid"
        aria-invalid={invalid.length > 0}
        className={fieldClasses("md", "mt-2 w-full font-mono")}
      />
      <p id="allowed-tenants-invalid" className="text-sm text-red-700 dark:text-red-300">
        {invalid.length ? `Not a tenant id or domain: ${invalid.join(", ")}` : ""}
      </p>
      <Button
        type="submit"
        size="lg"
        className="mt-2"
        disabled={invalid.length > 0}
        pending={pending}
        pendingLabel="Saving…"
      >
        Save allowed tenants
      </Button>
      <FormMessage result={message} />
    </form>
  );
}
