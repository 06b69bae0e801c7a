import type { Metadata } from "next";
import { Brand } from "@/components/layout/brand";

export const metadata: Metadata = { title: "Organization approval" };

const TEXT: Record<string, { heading: string; body: string }> = {
  granted: {
    heading: "Thank you: the app is approved for your organization",
    body: "Everyone in your organization can now connect Microsoft Teams to this app without asking again. You can close this page.",
  },
  declined: {
    heading: "Approval cancelled",
    body: "Nothing was granted. Open the link again if you want to approve the app.",
  },
  wrong_tenant: {
    heading: "Approved for another organization",
    body: "The approval was given for a different organization than the one that asked. Sign in at Microsoft as an administrator of the right organization.",
  },
  invalid_state: {
    heading: "This link is not valid",
    body: "The approval link is invalid or has expired. Ask for a new one.",
  },
  error: {
    heading: "Microsoft did not grant the approval",
    body: "Try the link again, or approve the app in the Microsoft Entra admin center.",
  },
};

/** Where an organization admin lands after approving from a link a user forwarded: no sign-in needed, no data shown. */
export default async function TenantConsentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { consent } = await searchParams;
  const text = TEXT[consent ?? ""] ?? TEXT.error!;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <Brand />
        <h1 className="text-xl font-semibold">{text.heading}</h1>
        <p className="text-sm">{text.body}</p>
      </div>
    </main>
  );
}
