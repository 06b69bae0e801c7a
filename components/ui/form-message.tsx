/** The outcome of a form or action: a polite status when it worked, an alert when not. */
export type FormResult = { kind: "ok" | "error"; text: string } | null;

export function FormMessage({ result, className = "mt-2" }: { result: FormResult; className?: string }) {
  return (
    <div aria-live="polite" className={`${className} text-sm`}>
      {result?.kind === "ok" ? (
        <p role="status" className="text-green-700 dark:text-green-400">
          {result.text}
        </p>
      ) : null}
      {result?.kind === "error" ? <InlineError>{result.text}</InlineError> : null}
    </div>
  );
}

/** A short error next to the control that failed. */
export function InlineError({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <p role="alert" className={["text-sm text-red-700 dark:text-red-300", className].filter(Boolean).join(" ")}>
      {children}
    </p>
  );
}
