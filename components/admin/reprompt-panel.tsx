"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DEFAULT_REASONS, FILTER_LABELS, type PromptKind } from "@/lib/admin/statuses";
import type { UserFilter } from "@/lib/admin/user-filter";
import { sendJson } from "./send-json";

type Scope = "selected" | "filter";
type Message = { kind: "ok" | "error"; text: string } | null;

/**
 * Re-prompt the selected users, or every user matching the current filter (all pages,
 * resolved on the server). Requests for a whole filter are confirmed first.
 */
export function RepromptPanel({ selectedIds, filter, total, onDone }: { selectedIds: string[]; filter: UserFilter; total: number; onDone: () => void }) {
  const router = useRouter();
  const [scope, setScope] = useState<Scope>("selected");
  const [reason, setReason] = useState("");
  const [confirm, setConfirm] = useState<PromptKind | null>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const count = scope === "selected" ? selectedIds.length : total;
  const filterText = [filter.status ? FILTER_LABELS[filter.status] : "all users", filter.q ? `matching “${filter.q}”` : ""].filter(Boolean).join(" ");

  async function send(prompt: PromptKind) {
    setPending(true);
    setMessage(null);
    try {
      const target = scope === "selected" ? { userIds: selectedIds } : { filter };
      const { requested, skipped } = await sendJson<{ requested: number; skipped: { email: string; message: string }[] }>("/api/admin/reprompts", "POST", {
        prompt,
        reason: reason.trim() || undefined,
        target,
      });
      const what = prompt === "consent" ? "approve access again" : "sign in again";
      const asked = `Asked ${requested} ${requested === 1 ? "user" : "users"} to ${what}.`;
      // Skipped users would have met Microsoft's approval page: say who and why, with the way out.
      const notAsked = skipped.length
        ? ` Not asked to consent (${skipped.length}): ${skipped.map((s) => s.email).join(", ")}. ${skipped[0]!.message}`
        : "";
      setMessage({ kind: skipped.length ? "error" : "ok", text: asked + notAsked });
      setConfirm(null);
      onDone();
      router.refresh();
    } catch (e) {
      setMessage({ kind: "error", text: (e as Error).message });
    } finally {
      setPending(false);
    }
  }

  function start(prompt: PromptKind) {
    if (scope === "filter") setConfirm(prompt);
    else void send(prompt);
  }

  const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50";
  return (
    <section aria-labelledby="reprompt-heading" className="mb-4 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="reprompt-heading" className="font-semibold">Re-prompt users</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Users see a banner on their Connections page and reconnect through Microsoft with a consent screen or a fresh sign-in.
      </p>
      <fieldset className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <legend className="sr-only">Who to re-prompt</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="reprompt-scope" checked={scope === "selected"} onChange={() => setScope("selected")} />
          Selected users ({selectedIds.length})
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="reprompt-scope" checked={scope === "filter"} onChange={() => setScope("filter")} disabled={total === 0} />
          All {total} users matching this filter
        </label>
      </fieldset>
      <label className="mt-3 flex flex-col gap-1 text-sm font-medium">
        Reason shown to users
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          rows={2}
          placeholder={`Default — consent: “${DEFAULT_REASONS.consent}” Sign-in: “${DEFAULT_REASONS.login}”`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-normal dark:border-slate-600 dark:bg-slate-950"
        />
      </label>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" onClick={() => start("consent")} disabled={pending || count === 0} className={`${button} bg-brand-600 text-white hover:bg-brand-700`}>
          Require consent
        </button>
        <button type="button" onClick={() => start("login")} disabled={pending || count === 0} className={`${button} border border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800`}>
          Require sign-in
        </button>
      </div>
      {confirm ? (
        <div role="group" aria-label="Confirm re-prompt" className="mt-3 rounded-md border border-amber-300 p-3 dark:border-amber-700">
          <p className="text-sm">
            {confirm === "consent" ? "Require consent" : "Require sign-in"} from all {total} users ({filterText})? Any request they already have is replaced.
          </p>
          <div className="mt-2 flex gap-2">
            <button type="button" onClick={() => void send(confirm)} disabled={pending} className={`${button} bg-brand-600 text-white hover:bg-brand-700`}>
              {pending ? "Sending…" : `Yes, re-prompt ${total} users`}
            </button>
            <button type="button" onClick={() => setConfirm(null)} className={`${button} border border-slate-300 dark:border-slate-600`}>
              Don’t send
            </button>
          </div>
        </div>
      ) : null}
      <div aria-live="polite" className="mt-2 text-sm">
        {message?.kind === "ok" ? <p role="status" className="text-green-700 dark:text-green-400">{message.text}</p> : null}
        {message?.kind === "error" ? <p role="alert" className="text-red-700 dark:text-red-300">{message.text}</p> : null}
      </div>
    </section>
  );
}
