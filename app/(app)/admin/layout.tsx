import { notFound } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { getCurrentUser } from "@/lib/auth/session";

/** Admin pages do not exist for anyone else: a 404, not a hint that they are there. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (user?.role !== "admin") notFound();
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
