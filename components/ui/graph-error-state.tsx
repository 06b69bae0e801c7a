import Link from "next/link";
import { ErrorView } from "./error-view";
import type { ShownError } from "./settle";

function nextStep(error: ShownError): { text: string; link?: { href: string; label: string } } {
  switch (error.code) {
    case "needs_reconnect":
      return {
        text: "Reconnect Microsoft Teams to continue.",
        link: { href: "/connections", label: "Go to Connections to reconnect" },
      };
    case "connection_not_found":
      return { text: "Connect Microsoft Teams first.", link: { href: "/connections", label: "Go to Connections" } };
    case "consent_required":
      return { text: "Ask your Microsoft administrator to approve this app, then reconnect." };
    case "forbidden_scope":
      return {
        text: "Ask your administrator to grant the missing permission, then reconnect.",
        link: { href: "/connections", label: "Review permissions" },
      };
    case "forbidden":
      return { text: "You don't have access to this. Ask its owner if you need it." };
    case "not_found":
      return { text: "It may have been deleted or you may have left it." };
    case "throttled":
    case "rate_limited":
      return { text: `Try again in ${error.retryAfter ?? 30} seconds.` };
    default:
      return { text: "Try again in a moment." };
  }
}

/** An inline, actionable error for one section of a page. */
export function GraphErrorState({ error, title = "This could not be loaded" }: { error: ShownError; title?: string }) {
  const step = nextStep(error);
  const isThrottled = error.code === "throttled" || error.code === "rate_limited";
  return (
    <ErrorView
      tone="warning"
      data-error-code={error.code}
      title={
        isThrottled ? "Microsoft Teams is busy" : error.code === "needs_reconnect" ? "Reconnect Microsoft Teams" : title
      }
      actions={
        step.link ? (
          <Link href={step.link.href} className="font-medium text-brand-700 underline dark:text-indigo-300">
            {step.link.label}
          </Link>
        ) : undefined
      }
    >
      <p className="mt-1">{error.message}</p>
      <p className="mt-1">{step.text}</p>
    </ErrorView>
  );
}
