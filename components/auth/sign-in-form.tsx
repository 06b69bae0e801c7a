"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fieldClasses } from "@/components/ui/field";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("password", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(signInErrorMessage(result?.error ?? "CredentialsSignin"));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  const input = fieldClasses("lg", "mt-1 block w-full");
  return (
    <div className="space-y-5">
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      <Button
        variant="secondary"
        size="lg"
        className="w-full"
        onClick={() => void signIn("microsoft", { callbackUrl })}
      >
        <span aria-hidden className="grid grid-cols-2 gap-0.5">
          <span className="h-2 w-2 bg-[#f25022]" />
          <span className="h-2 w-2 bg-[#7fba00]" />
          <span className="h-2 w-2 bg-[#00a4ef]" />
          <span className="h-2 w-2 bg-[#ffb900]" />
        </span>
        Sign in with Microsoft
      </Button>
      <div className="flex items-center gap-3 text-xs text-slate-500 uppercase dark:text-slate-400">
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" /> or{" "}
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
      </div>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <label className="block text-sm font-medium">
          Email
          <input name="email" type="email" autoComplete="email" required className={input} />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input name="password" type="password" autoComplete="current-password" required className={input} />
        </label>
        <Button type="submit" size="lg" className="w-full" pending={pending} pendingLabel="Signing in…">
          Sign in with email
        </Button>
      </form>
    </div>
  );
}
