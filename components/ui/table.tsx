import type { ReactNode } from "react";
import { cardClasses } from "./card";

const CELL = "px-3 py-2 align-top";

const join = (...classes: Array<string | false | undefined>) => classes.filter(Boolean).join(" ");

/**
 * A data table in a card that scrolls sideways on a phone instead of widening the page.
 * The accessible structure is fixed here so every table has it: a `<caption>` naming
 * the table (visually hidden with `hideCaption`, still read out), one `scope="col"`
 * header per column, and rows that name themselves with a `RowHeader`. `minWidth` (a
 * Tailwind class such as `min-w-[48rem]`) keeps wide tables readable inside the scroller.
 */
export function Table({
  caption,
  hideCaption = false,
  columns,
  minWidth,
  children,
}: {
  caption: ReactNode;
  hideCaption?: boolean;
  /** Column headers, in order (text, or a control such as a select-all checkbox). */
  columns: ReactNode[];
  minWidth?: string;
  children: ReactNode;
}) {
  return (
    <div className={cardClasses("none", "overflow-x-auto")}>
      <table className={join("w-full", minWidth, "text-left text-sm")}>
        <caption className={hideCaption ? "sr-only" : "px-3 py-2 text-left text-sm text-slate-600 dark:text-slate-400"}>
          {caption}
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400">
          <tr>
            {columns.map((column, i) => (
              // Columns are a fixed list per table: their position is their identity.
              <th key={i} scope="col" className={CELL}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

/** One data cell. */
export function Cell({ className, children }: { className?: string; children?: ReactNode }) {
  return <td className={join(CELL, className)}>{children}</td>;
}

/**
 * The cell that names its row (`<th scope="row">`): screen readers announce it with
 * every other cell of the row. Give it an `id` when row actions point at it with
 * `aria-describedby`.
 */
export function RowHeader({ id, className, children }: { id?: string; className?: string; children: ReactNode }) {
  return (
    <th scope="row" id={id} className={join(CELL, className)}>
      {children}
    </th>
  );
}
