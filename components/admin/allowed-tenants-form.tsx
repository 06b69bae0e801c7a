"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./send-json";
import { parseTenantEntries } from "@/lib/admin/tenant-entries";

type Message = { kind: "ok" | "error"; text: string } | null;

/** Edits the allowed tenants: ids or verified domains, one per line; empty = any tenant. */
export function AllowedTenantsForm({ tenants }: { tenants: string[] }) {
  const router = useRouter();
  const [text, setText] = useState(tenants.join("\n"));
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const { invalid } = parseTenantEntries(text);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (invalid.length) return;
    setPending(true);
    setMessage(null);
    try {
      const entries = text.split(/[\s,;]+/).filter(Boolean);
      const result = await sendJson<{ tenants: string[]; resolved: Record<string, string> }>("/api/admin/settings/allowed-tenants", "PUT", { tenants: entries });
      const domains = Object.entries(result.resolved).map(([domain, id]) => `${domain} → ${id}`);
      setText(result.tenants.join("\n"));
      setMessage({
        kind: "ok",
        text: result.tenants.length
          ? `Saved ${result.tenants.length} allowed ${result.tenants.length === 1 ? "tenant" : "tenants"}.${domains.length ? ` Domains saved as tenant ids: ${domains.join(", ")}.` : ""}`
          : "Saved: accounts from any tenant may connect.",
      });
      router.refresh();
    } catch (e) {
      setMessage({ kind: "error", text: (e as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <label htmlFor="allowed-tenants" className="font-medium">Allowed tenants</label>
      <p id="allowed-tenants-help" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        One Microsoft tenant id (a GUID) or verified domain (contoso.com) per line. Domains are looked up and saved as tenant ids. Leave empty to allow any tenant.
      </p>
      <textarea
        id="allowed-tenants"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={6}
        aria-describedby="allowed-tenants-help allowed-tenants-invalid"
        aria-invalid={invalid.length > 0}
        className="mt-2 w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-950"
      />
      <p id="allowed-tenants-invalid" className="text-sm text-red-700 dark:text-red-300">
        {invalid.length ? `Not a tenant id or domain: ${invalid.join(", ")}` : ""}
      </p>
      <button type="submit" disabled={pending || invalid.length > 0} className="mt-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Saving…" : "Save allowed tenants"}
      </button>
      <div aria-live="polite" className="mt-2 text-sm">
        {message?.kind === "ok" ? <p role="status" className="text-green-700 dark:text-green-400">{message.text}</p> : null}
        {message?.kind === "error" ? <p role="alert" className="text-red-700 dark:text-red-300">{message.text}</p> : null}
      </div>
    </form>
  );
}
