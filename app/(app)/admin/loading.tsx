/** Skeleton while an admin page's data loads. */
export default function AdminLoading() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse space-y-3">
      <div className="h-8 w-64 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-24 rounded-xl bg-slate-200 dark:bg-slate-800" />
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-10 rounded bg-slate-200 dark:bg-slate-800" />
      ))}
    </div>
  );
}
