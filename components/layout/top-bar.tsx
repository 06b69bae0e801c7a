import type { CurrentUser } from "@/lib/auth/session";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Brand } from "./brand";
import { NavLink } from "./nav-link";

export function TopBar({ user }: { user: CurrentUser }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Brand />
        <nav aria-label="Main" className="order-3 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
          <NavLink href="/dashboard">Dashboard</NavLink>
          <NavLink href="/chats">Chats</NavLink>
          <NavLink href="/connections">Connections</NavLink>
          {user.role === "admin" ? <NavLink href="/admin">Admin</NavLink> : null}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <div className="hidden text-right text-sm leading-tight sm:block" aria-label="Signed in user">
            <div className="font-medium">{user.name}</div>
            <div className="text-slate-500 dark:text-slate-400">{user.email}</div>
          </div>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
