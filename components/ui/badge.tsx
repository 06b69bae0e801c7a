export type BadgeTone = "success" | "warning" | "danger" | "neutral";

const TONES: Record<BadgeTone, string> = {
  success: "bg-green-100 text-green-800 dark:bg-green-900 dark:text-green-100",
  warning: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  danger: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  neutral: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

const SIZES = {
  /** A status pill (connection health). */
  md: "rounded-full px-2.5 py-0.5 text-sm font-medium",
  /** A tag next to a name (Archived, Owner, private). */
  sm: "rounded px-2 py-0.5 text-xs font-medium",
} as const;

export function Badge({
  tone = "neutral",
  size = "sm",
  className,
  children,
}: {
  tone?: BadgeTone;
  size?: keyof typeof SIZES;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <span className={["inline-flex whitespace-nowrap", SIZES[size], TONES[tone], className].filter(Boolean).join(" ")}>
      {children}
    </span>
  );
}
