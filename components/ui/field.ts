const SIZES = { md: "px-3 py-1.5 text-sm", lg: "px-3 py-2" } as const;

/** The one look of text inputs, selects and textareas; `lg` for a sign-in form's fields. */
export function fieldClasses(size: keyof typeof SIZES = "md", className?: string): string {
  return ["rounded-md border border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-950", SIZES[size], className]
    .filter(Boolean)
    .join(" ");
}
