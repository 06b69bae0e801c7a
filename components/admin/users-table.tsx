"use client";

import { useState } from "react";
import { storedErrorMessage } from "@/components/connections/connect-errors";
import { formatUtc } from "@/components/ui/format";
import { Cell, RowHeader, Table } from "@/components/ui/table";
import type { AdminUserPage, AdminUserRow } from "@/lib/admin/list-users";
import { PROMPT_LABELS } from "@/lib/admin/statuses";
import type { UserFilter } from "@/lib/admin/user-filter";
import { HealthBadge } from "./health-badge";
import { RepromptPanel } from "./reprompt-panel";
import { CancelRepromptButton, DisconnectUserButton } from "./user-row-actions";

const COLUMNS = [
  "User",
  "Status",
  "Microsoft account",
  "Tenant",
  "Scopes",
  "Last error",
  "Last used",
  "Re-prompt",
  "Actions",
];
const muted = "text-sm text-slate-600 dark:text-slate-400";

/** The users table with row selection for bulk re-prompts; the selection is per page. */
export function UsersTable({
  page,
  filter,
  requiredScopes,
}: {
  page: AdminUserPage;
  filter: UserFilter;
  requiredScopes: string[];
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const visible = page.rows.map((r) => r.id);
  const chosen = visible.filter((id) => selected.has(id));
  const allChosen = visible.length > 0 && chosen.length === visible.length;

  function toggle(id: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const first = (page.page - 1) * page.pageSize + 1;
  return (
    <>
      <RepromptPanel selectedIds={chosen} filter={filter} total={page.total} onDone={() => setSelected(new Set())} />
      <Table
        caption={
          page.total === 0
            ? "No users match these filters."
            : `Users ${first}–${first + page.rows.length - 1} of ${page.total}`
        }
        columns={[
          <input
            key="all"
            type="checkbox"
            aria-label="Select all users on this page"
            checked={allChosen}
            disabled={visible.length === 0}
            onChange={(e) => setSelected(e.target.checked ? new Set(visible) : new Set())}
          />,
          ...COLUMNS,
        ]}
        minWidth="min-w-[64rem]"
      >
        {page.rows.map((row) => (
          <UserRow
            key={row.id}
            row={row}
            required={requiredScopes}
            checked={selected.has(row.id)}
            onToggle={(on) => toggle(row.id, on)}
          />
        ))}
      </Table>
    </>
  );
}

function UserRow({
  row,
  required,
  checked,
  onToggle,
}: {
  row: AdminUserRow;
  required: string[];
  checked: boolean;
  onToggle: (on: boolean) => void;
}) {
  const nameId = `user-${row.id}`;
  const c = row.connection;
  const requiredCount = required.filter((s) => s !== "offline_access").length;
  return (
    <tr>
      <Cell>
        <input
          type="checkbox"
          aria-label={`Select ${row.name}`}
          checked={checked}
          onChange={(e) => onToggle(e.target.checked)}
        />
      </Cell>
      <RowHeader id={nameId} className="font-normal">
        <div className="font-medium">
          {row.name}
          {row.role === "admin" ? <span className={`${muted} ml-1`}>(admin)</span> : null}
        </div>
        <div className={muted}>{row.email}</div>
      </RowHeader>
      <Cell>
        <HealthBadge health={row.health} />
        {row.missingScopes.length ? (
          <div className="mt-1 text-xs text-amber-800 dark:text-amber-300">Missing: {row.missingScopes.join(", ")}</div>
        ) : null}
      </Cell>
      <Cell>
        {c ? (
          <>
            <div>{c.accountName ?? "—"}</div>
            <div className={muted}>{c.accountEmail ?? "Unknown"}</div>
          </>
        ) : (
          "—"
        )}
      </Cell>
      <Cell className="font-mono text-xs break-all">{c?.tenantId ?? "—"}</Cell>
      <Cell>
        {c ? (
          <details>
            <summary className="cursor-pointer">
              {requiredCount - row.missingScopes.length} of {requiredCount} required
            </summary>
            <p className="mt-1 text-xs">Granted: {c.grantedScopes.join(", ") || "none"}</p>
            <p className="text-xs">Required: {required.join(", ")}</p>
            <p className="text-xs">
              Sending:{" "}
              {row.missingWriteScopes.length
                ? `not granted yet (${row.missingWriteScopes.join(", ")}; asked for on first send)`
                : "allowed"}
            </p>
          </details>
        ) : (
          "—"
        )}
      </Cell>
      <Cell>
        {c?.lastError ? (
          <>
            <div className="max-w-56">{storedErrorMessage(c.lastError.code)}</div>
            <div className={muted}>
              <time dateTime={c.lastError.at}>{formatUtc(c.lastError.at)}</time>
            </div>
          </>
        ) : (
          "—"
        )}
      </Cell>
      <Cell>{c?.lastUsedAt ? <time dateTime={c.lastUsedAt}>{formatUtc(c.lastUsedAt)}</time> : c ? "Never" : "—"}</Cell>
      <Cell>
        {row.pendingReprompt ? (
          <>
            <div className="font-medium">{PROMPT_LABELS[row.pendingReprompt.prompt]} pending</div>
            <div className={`${muted} max-w-56`} title={row.pendingReprompt.reason}>
              since <time dateTime={row.pendingReprompt.requestedAt}>{formatUtc(row.pendingReprompt.requestedAt)}</time>
            </div>
            <CancelRepromptButton userId={row.id} describedBy={nameId} />
          </>
        ) : (
          "—"
        )}
      </Cell>
      <Cell>{c ? <DisconnectUserButton userId={row.id} userName={row.name} describedBy={nameId} /> : null}</Cell>
    </tr>
  );
}
