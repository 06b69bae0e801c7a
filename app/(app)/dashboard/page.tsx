import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <PageHeader title={`Welcome, ${user.name.split(" ")[0]}`} description="Your Microsoft Teams at a glance: teams, channels and chats." />
  );
}
