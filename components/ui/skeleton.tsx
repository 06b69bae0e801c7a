/** One grey placeholder block; size it with `className`. */
export function Skeleton({ className = "h-14" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800 ${className}`} />;
}

/** Placeholder rows while a section streams in. */
export function SectionSkeleton({
  label,
  rows = 4,
  rowClassName,
}: {
  label: string;
  rows?: number;
  rowClassName?: string;
}) {
  return (
    <div role="status" aria-label={label} className="space-y-3">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={rowClassName} />
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}

/** A whole page loading: a title bar and rows (the route's loading.tsx). */
export function PageSkeleton({
  label,
  rows = 6,
  rowClassName,
}: {
  label: string;
  rows?: number;
  rowClassName?: string;
}) {
  return (
    <div>
      <Skeleton className="mb-6 h-8 w-64 max-w-full" />
      <SectionSkeleton label={label} rows={rows} rowClassName={rowClassName} />
    </div>
  );
}
