import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Brand } from "@/components/layout/brand";
import { SignInForm } from "@/components/auth/sign-in-form";
import { cardClasses } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackUrl, signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className={cardClasses("none", "w-full max-w-sm space-y-6 p-6 shadow-sm sm:p-8")}>
        <Brand />
        <h1 className="text-xl font-semibold">Sign in</h1>
        <SignInForm callbackUrl={callbackUrl} initialError={signInErrorMessage(params.error)} />
      </div>
    </main>
  );
}
