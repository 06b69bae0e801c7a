import type { ReactNode } from "react";

const TONES = {
  error: "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950",
  warning: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950",
} as const;

/**
 * A failure shown in place of what could not be loaded or done: a title, what happened,
 * and what to do next (`actions`). Announced as an alert.
 */
export function ErrorView({
  title,
  titleAs = "p",
  tone = "error",
  actions,
  large = false,
  className,
  children,
  ...data
}: {
  title?: ReactNode;
  /** A route's error page names the page, so its title is the page's h1. */
  titleAs?: "p" | "h1";
  tone?: keyof typeof TONES;
  actions?: ReactNode;
  /** A whole page's error (error.tsx) rather than one section's. */
  large?: boolean;
  className?: string;
  children?: ReactNode;
  "data-error-code"?: string;
}) {
  const Title = titleAs;
  return (
    <div
      role="alert"
      {...data}
      className={["rounded-lg border text-sm", large ? "p-6" : "p-4", TONES[tone], className].filter(Boolean).join(" ")}
    >
      {title ? <Title className={titleAs === "h1" ? "text-lg font-semibold" : "font-semibold"}>{title}</Title> : null}
      {children}
      {actions ? <div className="mt-3 flex flex-wrap gap-3">{actions}</div> : null}
    </div>
  );
}
