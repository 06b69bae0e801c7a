/** The one set of button looks, shared by <Button> and by links that look like buttons. */
export type ButtonVariant = "primary" | "secondary" | "danger" | "danger-outline" | "ghost";
export type ButtonSize = "sm" | "md" | "lg";

const BASE =
  "inline-flex items-center justify-center gap-2 rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800",
  danger: "bg-red-600 text-white hover:bg-red-700",
  "danger-outline":
    "border border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950",
  ghost: "text-brand-700 hover:underline dark:text-indigo-300",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "px-2.5 py-1 text-sm",
  md: "px-3 py-1.5 text-sm",
  lg: "px-4 py-2 text-sm",
};

/** Ghost buttons sit inline in text: no padding of their own, and `sm` is small print. */
const GHOST_SIZES: Record<ButtonSize, string> = { sm: "text-xs", md: "text-sm", lg: "text-sm" };

export function buttonClasses({
  variant = "primary",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return [BASE, VARIANTS[variant], variant === "ghost" ? GHOST_SIZES[size] : SIZES[size], className]
    .filter(Boolean)
    .join(" ");
}
