import "server-only";
import { notFound } from "next/navigation";
import { requireAdmin, type CurrentUser } from "@/lib/auth/session";

/**
 * For admin pages: the layout already answers 404 to non-admins, but each page checks
 * again (a page can be rendered without its layout's check having run first), with the
 * same 404 rather than an error page that would reveal the admin area exists.
 */
export async function requireAdminPage(): Promise<CurrentUser> {
  try {
    return await requireAdmin();
  } catch {
    notFound();
  }
}
