/** Placeholder rows while a section streams in. */
export function SectionSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="animate-pulse space-y-3">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-14 rounded-lg bg-slate-200 dark:bg-slate-800" />
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function PageSkeleton({ label }: { label: string }) {
  return (
    <div>
      <div className="mb-6 h-8 w-64 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <SectionSkeleton label={label} rows={6} />
    </div>
  );
}
