import Link from "next/link";
import { redirect } from "next/navigation";
import { Brand } from "@/components/layout/brand";
import { buttonClasses } from "@/components/ui/button-styles";
import { getCurrentUser } from "@/lib/auth/session";

export default async function HomePage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-6">
      <Brand />
      <h1 className="text-4xl font-semibold tracking-tight">Your Microsoft Teams, one click away.</h1>
      <p className="text-lg text-slate-600 dark:text-slate-300">
        Connect your Teams account once and see your teams, channels, chats and presence in one fast dashboard. Your
        Microsoft tokens stay on the server.
      </p>
      <div>
        <Link href="/signin" className={buttonClasses({ size: "lg" })}>
          Sign in
        </Link>
      </div>
    </main>
  );
}
