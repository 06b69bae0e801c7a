import type { ReactNode } from "react";

// "lg" tightens on a phone, where nested cards would otherwise eat the width.
const PADDING = { none: "", md: "p-4", lg: "p-4 sm:p-6" } as const;

export function cardClasses(padding: keyof typeof PADDING = "lg", className?: string): string {
  return [
    "min-w-0 rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900",
    PADDING[padding],
    className,
  ]
    .filter(Boolean)
    .join(" ");
}

/** A bordered panel. `min-w-0` lets it shrink inside grids and flex rows on a phone. */
export function Card({
  padding,
  className,
  children,
}: {
  padding?: keyof typeof PADDING;
  className?: string;
  children: ReactNode;
}) {
  return <div className={cardClasses(padding, className)}>{children}</div>;
}

/** A titled card; the heading (with `id`) names the region for assistive tech. */
export function Section({
  id,
  title,
  actions,
  padding,
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  actions?: ReactNode;
  padding?: keyof typeof PADDING;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={cardClasses(padding, className)}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
